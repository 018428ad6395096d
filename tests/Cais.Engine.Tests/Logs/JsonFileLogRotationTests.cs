using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

public class JsonFileLogRotationTests : IDisposable
{
    readonly TempDir dir = new();
    readonly ManualClock clock = new(T0);

    string LogPath => JsonFileLogWriter.PathFor(dir.Path, "abc");

    // Each entry of WriteLines (a short line, a whole-second time) is 66 bytes ("line10" on: 67).
    const int EntrySize = 66;

    [Fact]
    public void Append_PastMaxSize_RotatesToNumberedFilesAndDropsTheOldest()
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "190", ["max-file"] = "3" });
        using (var writer = new JsonFileLogWriter(LogPath, options, clock: clock))
            WriteLines(writer, clock, "line", 12);

        // 3 entries make 198 bytes: past 190, so the 4th goes to a new file.
        Assert.Equal(["abc-json.log", "abc-json.log.1", "abc-json.log.2"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(["line9", "line10", "line11"], LinesOf(LogPath));
        Assert.Equal(["line6", "line7", "line8"], LinesOf(LogPath + ".1"));
        Assert.Equal(["line3", "line4", "line5"], LinesOf(LogPath + ".2"));
    }

    [Fact]
    public void Append_NewWriterOverExistingRotatedFiles_KeepsNumberingAndDropsTheOldest()
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "190", ["max-file"] = "3" });
        using (var writer = new JsonFileLogWriter(LogPath, options, clock: clock))
            WriteLines(writer, clock, "aaaa", 7); // 66-byte entries: 0-2 in .2, 3-5 in .1, 6 current
        using (var writer = new JsonFileLogWriter(LogPath, options, clock: clock))
            WriteLines(writer, clock, "bbbb", 3); // the current file reaches 198 bytes at bbbb1, so bbbb2 starts a new one

        Assert.Equal(["aaaa3", "aaaa4", "aaaa5"], LinesOf(LogPath + ".2"));
        Assert.Equal(["aaaa6", "bbbb0", "bbbb1"], LinesOf(LogPath + ".1"));
        Assert.Equal(["bbbb2"], LinesOf(LogPath));
        Assert.False(File.Exists(LogPath + ".3"));
    }

    [Fact]
    public void Append_FileReachesMaxSize_RotatesBeforeTheNextEntryNotAfter()
    {
        // Docker checks the size before writing: a file may pass max-size by one entry.
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "100", ["max-file"] = "2" });
        using (var writer = new JsonFileLogWriter(LogPath, options, clock: clock))
            WriteLines(writer, clock, "line", 3);

        Assert.Equal(["line0", "line1"], LinesOf(LogPath + ".1"));
        Assert.Equal(2 * EntrySize, new FileInfo(LogPath + ".1").Length);
        Assert.Equal(["line2"], LinesOf(LogPath));
    }

    [Fact]
    public void Append_MaxFileOne_StartsAfreshInANewFile()
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "120" });
        using var writer = new JsonFileLogWriter(LogPath, options, clock: clock);
        WriteLines(writer, clock, "line", 2);
        using var follower = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        WriteLines(writer, clock, "more", 1);

        Assert.Equal(["abc-json.log"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(["more0"], LinesOf(LogPath));
        // Unlinked and recreated, not truncated in place: a reader of the old file still reads it whole.
        Assert.Equal(2 * EntrySize, new StreamReader(follower).ReadToEnd().Length);
    }

    [Fact]
    public void Append_NoMaxSize_NeverRotates()
    {
        using (var writer = new JsonFileLogWriter(LogPath, LogOptions.Parse(new Dictionary<string, string> { ["max-file"] = "5" }), clock: clock))
            WriteLines(writer, clock, "line", 100);

        Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Equal(100, LinesOf(LogPath).Count);
    }

    [Fact]
    public void Constructor_ExistingLogOverMaxSize_RotatesAtTheFirstEntry()
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "100", ["max-file"] = "2" });
        using (var writer = new JsonFileLogWriter(LogPath, options: null, clock: clock))
            WriteLines(writer, clock, "old", 3);
        using (var writer = new JsonFileLogWriter(LogPath, options, clock: clock))
            WriteLines(writer, clock, "new", 1);

        Assert.Equal(["old0", "old1", "old2"], LinesOf(LogPath + ".1"));
        Assert.Equal(["new0"], LinesOf(LogPath));
    }

    static List<string> LinesOf(string path) =>
        File.ReadAllLines(path).Select(l => l.Split('"')[3].Replace("\\n", "")).ToList();

    public void Dispose() => dir.Dispose();
}
