using System.Text;
using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Logs;

/// <summary>A clock that says what the test tells it to.</summary>
sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

static class LogTestSupport
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 11, 12, TimeSpan.Zero);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(LogEntry entry) => Encoding.UTF8.GetString(entry.Line.Span);

    public static async Task<List<LogEntry>> ReadAllAsync(string path, LogReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new List<LogEntry>();
        await foreach (var entry in new JsonFileLogReader(path).ReadAsync(options ?? new LogReadOptions(), cancellationToken))
            result.Add(entry);
        return result;
    }

    public static async Task<List<string>> ReadLinesAsync(string path, LogReadOptions? options = null) =>
        (await ReadAllAsync(path, options)).Select(Text).ToList();

    /// <summary>Writes lines "prefix0\n".."prefix{n-1}\n" to stdout, a clock tick apart.</summary>
    public static void WriteLines(JsonFileLogWriter writer, ManualClock clock, string prefix, int count, LogStream stream = LogStream.Stdout)
    {
        for (int i = 0; i < count; i++)
        {
            writer.Append(stream, Bytes($"{prefix}{i}\n"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
