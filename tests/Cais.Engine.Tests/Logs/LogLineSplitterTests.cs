using System.Text;
using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Logs;

public class LogLineSplitterTests
{
    static List<(string Text, bool Partial)> Split(LogLineSplitter splitter, params string[] chunks) =>
        SplitBytes(splitter, chunks.Select(Encoding.UTF8.GetBytes).ToArray());

    static List<(string Text, bool Partial)> SplitBytes(LogLineSplitter splitter, params byte[][] chunks)
    {
        var messages = new List<(string, bool)>();
        foreach (var chunk in chunks)
        {
            ReadOnlySpan<byte> rest = chunk;
            while (splitter.TryNext(ref rest, out var message, out bool partial))
                messages.Add((Encoding.UTF8.GetString(message), partial));
        }
        return messages;
    }

    [Fact]
    public void TryNext_SeveralLinesInOneChunk_OneMessageEachWithoutNewline()
    {
        var messages = Split(new LogLineSplitter(), "one\ntwo\n\nthree\n");

        Assert.Equal([("one", false), ("two", false), ("", false), ("three", false)], messages);
    }

    [Fact]
    public void TryNext_LineAcrossChunks_JoinedIntoOneMessage()
    {
        var splitter = new LogLineSplitter();

        var messages = Split(splitter, "hel", "lo wo", "rld\nnext");

        Assert.Equal([("hello world", false)], messages);
        Assert.Equal(4, splitter.PendingLength);
    }

    [Fact]
    public void TryNext_CarriageReturnBeforeNewline_IsKept()
    {
        var messages = Split(new LogLineSplitter(), "dos line\r\n");

        Assert.Equal([("dos line\r", false)], messages);
    }

    [Fact]
    public void TryFlush_StreamEndsWithoutNewline_RestIsPartialMessage()
    {
        var splitter = new LogLineSplitter();
        Split(splitter, "done\nno newline at the end");

        Assert.True(splitter.TryFlush(out var rest));

        Assert.Equal("no newline at the end", Encoding.UTF8.GetString(rest));
        Assert.False(splitter.TryFlush(out _));
    }

    [Fact]
    public void TryFlush_NothingPending_NoMessage()
    {
        var splitter = new LogLineSplitter();
        Split(splitter, "complete\n");

        Assert.False(splitter.TryFlush(out _));
    }

    [Fact]
    public void TryNext_LineLongerThan16KiB_PiecesOf16KiBThenTheRest()
    {
        string line = new string('x', 40_000);

        var messages = Split(new LogLineSplitter(), line + "\n");

        Assert.Equal(3, messages.Count);
        Assert.Equal((16384, true), (messages[0].Text.Length, messages[0].Partial));
        Assert.Equal((16384, true), (messages[1].Text.Length, messages[1].Partial));
        Assert.Equal((40_000 - 32768, false), (messages[2].Text.Length, messages[2].Partial));
        Assert.Equal(line, string.Concat(messages.Select(m => m.Text)));
    }

    [Fact]
    public void TryNext_LongLineFedInSmallChunks_SamePiecesAsOneChunk()
    {
        string line = new string('y', 20_000) + "\n";
        var chunks = line.Chunk(1000).Select(c => new string(c)).ToArray();

        var messages = Split(new LogLineSplitter(), chunks);

        Assert.Equal([(16384, true), (20_000 - 16384, false)], messages.Select(m => (m.Text.Length, m.Partial)));
    }

    [Fact]
    public void TryNext_LineOfExactly16383Bytes_FitsWithItsNewline()
    {
        var messages = Split(new LogLineSplitter(), new string('a', 16383) + "\n");

        Assert.Equal([(16383, false)], messages.Select(m => (m.Text.Length, m.Partial)));
    }

    [Fact]
    public void TryNext_LineOf16384Bytes_FullPieceThenEmptyLine()
    {
        // Docker's 16 KiB buffer fills before the newline arrives: a full piece, then "" + newline.
        var messages = Split(new LogLineSplitter(), new string('a', 16384) + "\n");

        Assert.Equal([(16384, true), (0, false)], messages.Select(m => (m.Text.Length, m.Partial)));
    }

    [Fact]
    public void TryNext_MultiByteCharacterAtPieceBoundary_NotCutInside()
    {
        // 16383 ASCII bytes, then "é" (2 bytes) would straddle the 16 KiB boundary.
        string line = new string('a', 16383) + "é" + "tail";

        var messages = Split(new LogLineSplitter(), line + "\n");

        Assert.Equal([(16383, true), (6, false)], messages.Select(m => (Encoding.UTF8.GetByteCount(m.Text), m.Partial)));
        Assert.Equal(line, string.Concat(messages.Select(m => m.Text)));
    }

    [Fact]
    public void TryNext_MultiByteCharacterAtBoundaryOfPendingBuffer_NotCutInside()
    {
        // The same straddle, reached through the pending buffer (small chunks).
        string line = new string('b', 16382) + "€" + "z"; // € is 3 bytes: 16382..16384
        var bytes = Encoding.UTF8.GetBytes(line + "\n");

        var messages = SplitBytes(new LogLineSplitter(), bytes.Chunk(100).ToArray());

        Assert.Equal([(16382, true), (4, false)], messages.Select(m => (Encoding.UTF8.GetByteCount(m.Text), m.Partial)));
        Assert.Equal(line, string.Concat(messages.Select(m => m.Text)));
    }

    [Fact]
    public void TryNext_BinaryBytesWithoutNewline_CutAtExactly16KiB()
    {
        var bytes = Enumerable.Repeat((byte)0xC3, 20_000).ToArray(); // lead bytes that never complete
        var splitter = new LogLineSplitter();
        ReadOnlySpan<byte> rest = bytes;

        Assert.True(splitter.TryNext(ref rest, out var piece, out bool partial));

        Assert.True(partial);
        Assert.InRange(piece.Length, 16381, 16384);
    }
}
