using System.Text;
using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

public class JsonFileLogWriterTests : IDisposable
{
    readonly TempDir dir = new();
    readonly ManualClock clock = new(T0.AddTicks(1234567));

    string LogPath => JsonFileLogWriter.PathFor(dir.Path, "abc");

    string FileText() => File.ReadAllText(LogPath);

    [Fact]
    public void PathFor_Container_IsIdDashJsonLogInItsDirectory()
    {
        Assert.Equal(Path.Combine(dir.Path, "abc-json.log"), LogPath);
    }

    [Fact]
    public void Append_OneLine_ExactlyDockersFormat()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("hello\n"));

        Assert.Equal("{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}\n", FileText());
    }

    [Fact]
    public void Append_Stderr_StreamNamedStderr()
    {
        clock.Now = T0.AddTicks(5000000); // .5 s: Go's RFC3339Nano drops the trailing zeros
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stderr, Bytes("oops\n"));

        Assert.Equal("{\"log\":\"oops\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-23T10:11:12.5Z\"}\n", FileText());
    }

    [Fact]
    public void Append_WholeSecond_TimeWithoutFraction()
    {
        clock.Now = T0;
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("x\n"));

        Assert.Contains("\"time\":\"2026-11-23T10:11:12Z\"}", FileText());
    }

    [Fact]
    public void Append_SpecialCharacters_EscapedAsDocker()
    {
        // Docker (ffjsonWriteJSONBytesAsString): \" \\ \n \r short; other controls and <>& as \u00XX;
        // U+2028/2029 escaped; a byte that is not UTF-8 becomes \ufffd; other UTF-8 stays.
        var line = new List<byte>();
        line.AddRange(Bytes("a\"b\\c\td<e>f&g\u2028h\u2029i"));
        line.AddRange([0x01, 0x1F, 0x7F, 0xFF, 0xE2, 0x82]);
        line.AddRange(Bytes("é€😀\r\n"));
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, line.ToArray());

        string expected = "{\"log\":\"a\\\"b\\\\c\\u0009d\\u003ce\\u003ef\\u0026g\\u2028h\\u2029i\\u0001\\u001f\x7f\\ufffd\\ufffd\\ufffdé€😀\\r\\n\","
            + "\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}\n";
        Assert.Equal(expected, FileText());
    }

    [Fact]
    public void Append_LongLine_PiecesWithoutNewlineShareTheFirstPiecesTime()
    {
        string line = new string('x', 20_000);
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, Bytes(line[..17000]));
            clock.Advance(TimeSpan.FromSeconds(1));
            writer.Append(LogStream.Stdout, Bytes(line[17000..] + "\n"));
            clock.Advance(TimeSpan.FromSeconds(1));
            writer.Append(LogStream.Stdout, Bytes("after\n"));
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"{{\"log\":\"{new string('x', 16384)}\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}}", lines[0]);
        Assert.Equal($"{{\"log\":\"{new string('x', 20_000 - 16384)}\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}}", lines[1]);
        Assert.Equal("{\"log\":\"after\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:14.1234567Z\"}", lines[2]);
    }

    [Fact]
    public void EndStream_WithoutFinalNewline_LastLineWrittenWithoutNewline()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, Bytes("first\nsecond"));
            writer.EndStream(LogStream.Stdout);
        }

        Assert.Equal(
            "{\"log\":\"first\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}\n"
            + "{\"log\":\"second\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12.1234567Z\"}\n",
            FileText());
    }

    [Fact]
    public void Dispose_PendingBytesOnBothStreams_Written()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, Bytes("out"));
            writer.Append(LogStream.Stderr, Bytes("err"));
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"log\":\"out\",\"stream\":\"stdout\"", lines[0]);
        Assert.StartsWith("{\"log\":\"err\",\"stream\":\"stderr\"", lines[1]);
    }

    [Fact]
    public void Append_StdoutAndStderrInterleaved_LinesStayWhole()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, Bytes("out-a"));
            writer.Append(LogStream.Stderr, Bytes("err-a\n"));
            writer.Append(LogStream.Stdout, Bytes("out-b\n"));
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.StartsWith("{\"log\":\"err-a\\n\",\"stream\":\"stderr\"", lines[0]);
        Assert.StartsWith("{\"log\":\"out-aout-b\\n\",\"stream\":\"stdout\"", lines[1]);
    }

    [Fact]
    public void Append_WithAttributes_AttrsBetweenStreamAndTimeSortedByKey()
    {
        var attributes = new Dictionary<string, string> { ["tag"] = "web", ["env"] = "a<b", ["com.example"] = "tab\there" };
        using (var writer = new JsonFileLogWriter(LogPath, attributes: attributes, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("x\n"));

        Assert.Equal(
            "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"attrs\":{\"com.example\":\"tab\\there\",\"env\":\"a\\u003cb\",\"tag\":\"web\"},"
            + "\"time\":\"2026-11-23T10:11:12.1234567Z\"}\n",
            FileText());
    }

    [Fact]
    public void Constructor_ExistingLog_Appends()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("run 1\n"));
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("run 2\n"));

        Assert.Equal(2, File.ReadAllLines(LogPath).Length);
    }

    [Fact]
    public void Constructor_LogEndsInHalfWrittenLine_NextEntryStartsOnItsOwnLine()
    {
        File.WriteAllText(LogPath, "{\"log\":\"ok\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12Z\"}\n{\"log\":\"cut sho");
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("after crash\n"));

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal("{\"log\":\"cut sho", lines[1]);
        Assert.StartsWith("{\"log\":\"after crash\\n\"", lines[2]);
    }

    [Fact]
    public void Constructor_NewLog_Mode0640()
    {
        using (new JsonFileLogWriter(LogPath, clock: clock)) { }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(LogPath));
    }

    [Fact]
    public void Append_AfterDispose_Throws()
    {
        var writer = new JsonFileLogWriter(LogPath, clock: clock);
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Append(LogStream.Stdout, Bytes("late\n")));
    }

    [Fact]
    public void Append_TwoThreads_EveryLineWholeAndOnce()
    {
        const int perThread = 5000;
        using (var writer = new JsonFileLogWriter(LogPath))
        {
            var threads = new[] { LogStream.Stdout, LogStream.Stderr }.Select(stream => new Thread(() =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    // Lines split across chunks, to mix pending bytes with the other thread's writes.
                    writer.Append(stream, Bytes($"{stream}-{i}-"));
                    writer.Append(stream, Bytes($"end\n"));
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(2 * perThread, lines.Length);
        foreach (var stream in new[] { "Stdout", "Stderr" })
        {
            var mine = lines.Where(l => l.Contains($"\"log\":\"{stream}-")).ToList();
            Assert.Equal(Enumerable.Range(0, perThread).Select(i => $"{{\"log\":\"{stream}-{i}-end\\n\""), mine.Select(l => l[..l.IndexOf(",\"stream\"")]));
        }
    }

    public void Dispose() => dir.Dispose();
}
