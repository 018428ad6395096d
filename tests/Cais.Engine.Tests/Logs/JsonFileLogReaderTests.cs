using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

public class JsonFileLogReaderTests : IDisposable
{
    readonly TempDir dir = new();
    readonly ManualClock clock = new(T0);

    string LogPath => JsonFileLogWriter.PathFor(dir.Path, "abc");

    /// <summary>30 lines line0..line29, a second apart from T0, rotated every 3 entries (198 bytes) over up to 20 files.</summary>
    void WriteRotatedLog(int lines = 30)
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "190", ["max-file"] = "20" });
        using var writer = new JsonFileLogWriter(LogPath, options, clock: clock);
        WriteLines(writer, clock, "line", lines);
    }

    static IEnumerable<string> Expected(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => $"line{i}\n");

    [Fact]
    public async Task ReadAsync_NoLog_Nothing()
    {
        Assert.Empty(await ReadAllAsync(LogPath));
    }

    [Fact]
    public async Task ReadAsync_All_EveryLineOldestFirstAcrossRotatedFiles()
    {
        WriteRotatedLog();
        Assert.True(File.Exists(LogPath + ".9"));

        var entries = await ReadAllAsync(LogPath);

        Assert.Equal(Expected(0, 29), entries.Select(Text));
        Assert.Equal(LogTimestamp.FromDateTimeOffset(T0.AddSeconds(7)), entries[7].Time);
        Assert.All(entries, e => Assert.Equal(LogStream.Stdout, e.Stream));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(100)]
    public async Task ReadAsync_Tail_LastLinesAcrossRotatedFiles(int tail)
    {
        WriteRotatedLog();

        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Tail = tail });

        Assert.Equal(Expected(Math.Max(0, 30 - tail), 29), lines);
    }

    [Fact]
    public async Task ReadAsync_TailZero_Nothing()
    {
        WriteRotatedLog();

        Assert.Empty(await ReadAllAsync(LogPath, new LogReadOptions { Tail = 0 }));
    }

    [Fact]
    public void ReadAsync_NegativeTail_RefusedAtOnce()
    {
        Assert.Throws<InvalidLogArgumentException>(() => new JsonFileLogReader(LogPath).ReadAsync(new LogReadOptions { Tail = -1 }));
    }

    [Fact]
    public async Task ReadAsync_TailOfLargeLog_ReadsOnlyTheEnd()
    {
        // 200,000 lines in one file: the tail is read backwards from the end.
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            var chunk = new System.Text.StringBuilder();
            for (int i = 0; i < 200_000; i++) chunk.Append("line").Append(i).Append('\n');
            writer.Append(LogStream.Stdout, Bytes(chunk.ToString()));
        }
        // Correctness only: how fast the tail is belongs in bench/logs (no timing assertions in tests).
        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Tail = 3 });
        var all = await ReadAllAsync(LogPath);

        Assert.Equal(["line199997\n", "line199998\n", "line199999\n"], lines);
        Assert.Equal(200_000, all.Count);
    }

    [Fact]
    public async Task ReadAsync_StdoutOnly_StderrLeftOut()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, Bytes("out1\n"));
            writer.Append(LogStream.Stderr, Bytes("err1\n"));
            writer.Append(LogStream.Stdout, Bytes("out2\n"));
            writer.Append(LogStream.Stderr, Bytes("err2\n"));
        }

        Assert.Equal(["out1\n", "out2\n"], await ReadLinesAsync(LogPath, new LogReadOptions { Stderr = false }));
        Assert.Equal(["err1\n", "err2\n"], await ReadLinesAsync(LogPath, new LogReadOptions { Stdout = false }));
        Assert.Equal(["err2\n"], await ReadLinesAsync(LogPath, new LogReadOptions { Stdout = false, Tail = 1 }));
        var both = await ReadAllAsync(LogPath);
        Assert.Equal([LogStream.Stdout, LogStream.Stderr, LogStream.Stdout, LogStream.Stderr], both.Select(e => e.Stream));
    }

    [Fact]
    public async Task ReadAsync_Since_FromThatTimeOnInclusive()
    {
        WriteRotatedLog();

        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Since = T0.AddSeconds(17) });

        Assert.Equal(Expected(17, 29), lines);
    }

    [Fact]
    public async Task ReadAsync_Until_UpToThatTimeInclusive()
    {
        WriteRotatedLog();

        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Until = T0.AddSeconds(5) });

        Assert.Equal(Expected(0, 5), lines);
    }

    [Fact]
    public async Task ReadAsync_SinceAndUntil_TheWindow()
    {
        WriteRotatedLog();

        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Since = T0.AddSeconds(10), Until = T0.AddSeconds(12.5) });

        Assert.Equal(Expected(10, 12), lines);
    }

    [Fact]
    public async Task ReadAsync_TailWithUntil_LastLinesBeforeUntil()
    {
        WriteRotatedLog();

        var lines = await ReadLinesAsync(LogPath, new LogReadOptions { Until = T0.AddSeconds(20), Tail = 4 });

        Assert.Equal(Expected(17, 20), lines);
    }

    [Fact]
    public async Task ReadAsync_TailWithSince_StopsAtSince()
    {
        WriteRotatedLog();

        Assert.Equal(Expected(27, 29), await ReadLinesAsync(LogPath, new LogReadOptions { Since = T0.AddSeconds(27), Tail = 10 }));
        Assert.Equal(Expected(28, 29), await ReadLinesAsync(LogPath, new LogReadOptions { Since = T0.AddSeconds(20), Tail = 2 }));
    }

    [Fact]
    public async Task ReadAsync_DamagedLines_Skipped()
    {
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("good1\n"));
        File.AppendAllText(LogPath,
            "not json at all\n"
            + "{\"log\":\"no time\\n\",\"stream\":\"stdout\"}\n"
            + "{\"log\":\"bad stream\\n\",\"stream\":\"stdin\",\"time\":\"2026-11-23T10:11:12Z\"}\n"
            + "{\"log\":\"bad time\\n\",\"stream\":\"stdout\",\"time\":\"yesterday\"}\n"
            + "{\"log\":\"trailing\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12Z\"} junk\n"
            + "\n"
            + "{\"log\":\"glued after a crash\\n\",\"str{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12Z\"}\n");
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("good2\n"));
        File.AppendAllText(LogPath, "{\"log\":\"half-written last li");

        Assert.Equal(["good1\n", "good2\n"], await ReadLinesAsync(LogPath));
        Assert.Equal(["good2\n"], await ReadLinesAsync(LogPath, new LogReadOptions { Tail = 1 }));
        Assert.Equal(["good1\n", "good2\n"], await ReadLinesAsync(LogPath, new LogReadOptions { Tail = 2 }));
    }

    [Fact]
    public async Task ReadAsync_DamagedLastLineOfRotatedFile_Skipped()
    {
        WriteRotatedLog(9);
        File.AppendAllText(LogPath + ".1", "{\"log\":\"cut");

        Assert.Equal(Expected(0, 8), await ReadLinesAsync(LogPath));
        Assert.Equal(Expected(4, 8), await ReadLinesAsync(LogPath, new LogReadOptions { Tail = 5 }));
    }

    [Fact]
    public async Task ReadAsync_FieldsInAnyOrderAndUnknownFields_Read()
    {
        File.WriteAllText(LogPath, "{\"time\":\"2026-11-23T10:11:12.000000001Z\",\"extra\":[1,{\"a\":2}],\"stream\":\"stderr\",\"log\":\"x\\u0041\\ud83d\\ude00\\n\"}\n");

        var entry = Assert.Single(await ReadAllAsync(LogPath));

        Assert.Equal("xA😀\n", Text(entry));
        Assert.Equal(LogStream.Stderr, entry.Stream);
        Assert.Equal(LogTimestamp.FromUnix(1795428672, 1), entry.Time);
    }

    [Fact]
    public async Task ReadAsync_WhatTheWriterWrote_ComesBackByteForByte()
    {
        var line = new byte[] { (byte)'a', (byte)'"', (byte)'\\', (byte)'\t', 0x01, (byte)'<', (byte)'&' }
            .Concat(Bytes("é€😀\u2028\r\n")).ToArray();
        using (var writer = new JsonFileLogWriter(LogPath, clock: clock))
        {
            writer.Append(LogStream.Stdout, line);
            writer.Append(LogStream.Stdout, Bytes(new string('z', 20000) + "\n"));
            writer.Append(LogStream.Stderr, Bytes("no newline"));
        }

        var entries = await ReadAllAsync(LogPath);

        Assert.Equal(line, entries[0].Line.ToArray());
        Assert.False(entries[0].IsPartial);
        Assert.True(entries[1].IsPartial);
        Assert.Equal(new string('z', 20000) + "\n", Text(entries[1]) + Text(entries[2]));
        Assert.Equal("no newline", Text(entries[3]));
        Assert.True(entries[3].IsPartial);
    }

    [Fact]
    public async Task ReadAsync_Attributes_Returned()
    {
        using (var writer = new JsonFileLogWriter(LogPath, attributes: new Dictionary<string, string> { ["tag"] = "web", ["b"] = "<x>" }, clock: clock))
            writer.Append(LogStream.Stdout, Bytes("hi\n"));

        var entry = Assert.Single(await ReadAllAsync(LogPath));

        Assert.Equal([KeyValuePair.Create("b", "<x>"), KeyValuePair.Create("tag", "web")], entry.Attributes);
    }

    public void Dispose() => dir.Dispose();
}
