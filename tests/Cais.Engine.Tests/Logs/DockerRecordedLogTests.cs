using System.Text;
using System.Text.RegularExpressions;
using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

/// <summary>
/// Against a log written by Docker itself (dockerd 20.10.24, json-file driver), from a container
/// running: printf 'a"b\\c\td&lt;e&gt;f&amp;g\001\037\177\377\342\202 é€ \u2028 end\r\n'; printf 'no newline';
/// printf 'err line\n' &gt;&amp;2.
/// </summary>
public partial class DockerRecordedLogTests : IDisposable
{
    static readonly byte[] ContainerStdout =
    [
        .. "a\"b\\c\td<e>f&g"u8, 0x01, 0x1F, 0x7F, 0xFF, 0xE2, 0x82, .. " é€ \u2028 end\r\n"u8,
    ];

    // The file as dockerd wrote it, byte for byte (times included).
    static readonly byte[] DockerLog =
    [
        .. "{\"log\":\"a\\\"b\\\\c\\u0009d\\u003ce\\u003ef\\u0026g\\u0001\\u001f"u8, 0x7F,
        .. "\\ufffd\\ufffd\\ufffd é€ \\u2028 end\\r\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T15:49:24.029298365Z\"}\n"u8,
        .. "{\"log\":\"err line\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-23T15:49:24.02950602Z\"}\n"u8,
        .. "{\"log\":\"no newline\",\"stream\":\"stdout\",\"time\":\"2026-11-23T15:49:24.188323043Z\"}\n"u8,
    ];

    readonly TempDir dir = new();

    string LogPath => JsonFileLogWriter.PathFor(dir.Path, "abc");

    [GeneratedRegex("\"time\":\"[^\"]*\"")]
    private static partial Regex TimeField();

    [Fact]
    public void Writer_SameOutputAsDocker_SameBytesButTheTimes()
    {
        using (var writer = new JsonFileLogWriter(LogPath))
        {
            writer.Append(LogStream.Stdout, ContainerStdout);
            writer.Append(LogStream.Stderr, Bytes("err line\n"));
            writer.Append(LogStream.Stdout, Bytes("no newline"));
            writer.EndStream(LogStream.Stdout);
        }

        static string WithoutTimes(byte[] log) => TimeField().Replace(Encoding.UTF8.GetString(log), "\"time\":\"T\"");
        Assert.Equal(WithoutTimes(DockerLog), WithoutTimes(File.ReadAllBytes(LogPath)));
    }

    [Fact]
    public async Task Reader_DockersLog_EveryMessageWithItsNanosecondTime()
    {
        File.WriteAllBytes(LogPath, DockerLog);

        var entries = await ReadAllAsync(LogPath);

        Assert.Equal(3, entries.Count);
        // What Docker could not store as UTF-8 it replaced with U+FFFD; the rest comes back exact.
        Assert.Equal([.. "a\"b\\c\td<e>f&g"u8, 0x01, 0x1F, 0x7F, .. "\uFFFD\uFFFD\uFFFD é€ \u2028 end\r\n"u8], entries[0].Line.ToArray());
        Assert.Equal(("err line\n", LogStream.Stderr), (Text(entries[1]), entries[1].Stream));
        Assert.Equal("no newline", Text(entries[2]));
        Assert.Equal(["2026-11-23T15:49:24.029298365Z", "2026-11-23T15:49:24.029506020Z", "2026-11-23T15:49:24.188323043Z"],
            entries.Select(e => e.Time.ToString()));
    }

    public void Dispose() => dir.Dispose();
}
