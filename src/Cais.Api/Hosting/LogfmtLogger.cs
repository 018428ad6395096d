using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cais.Api.Hosting;

/// <summary>
/// Log lines in dockerd's (logrus) text format, one per line on stderr:
/// <c>time="2026-11-23T14:25:40.123456789Z" level=info msg="API listen on /run/cais/cais.sock"</c>.
/// Users grep daemon logs the way they grep dockerd's, and no configuration binding (which
/// NativeAOT cannot do by reflection) is needed.
/// </summary>
internal sealed class LogfmtLoggerProvider(TextWriter output, LogLevel minimum) : ILoggerProvider
{
    readonly Lock writeLock = new();

    public ILogger CreateLogger(string categoryName) => new LogfmtLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(128);
        line.Append("time=\"").Append(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Append('"');
        line.Append(" level=").Append(LevelName(level));
        line.Append(" msg=");
        Quote(line, message);
        // ASP.NET's own messages name their source; cais's speak for themselves.
        if (!category.StartsWith("Cais.", StringComparison.Ordinal))
        {
            line.Append(" module=");
            Quote(line, category);
        }
        if (exception is not null)
        {
            line.Append(" error=");
            Quote(line, level >= LogLevel.Error ? exception.ToString() : exception.Message);
        }
        lock (writeLock)
        {
            output.WriteLine(line.ToString());
            output.Flush();
        }
    }

    internal bool IsEnabled(LogLevel level, string category) =>
        level != LogLevel.None && level >= (category.StartsWith("Microsoft.", StringComparison.Ordinal)
            ? (LogLevel)Math.Max((int)minimum, (int)LogLevel.Warning) // Kestrel's chatter only when it matters
            : minimum);

    static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    static void Quote(StringBuilder line, string text)
    {
        line.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\t': line.Append("\\t"); break;
                default: line.Append(c); break;
            }
        }
        line.Append('"');
    }

    sealed class LogfmtLogger(LogfmtLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel, category);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
