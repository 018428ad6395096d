using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

public class JsonFileLogFollowTests : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly TempDir dir = new();
    readonly TaskCompletionSource writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    string LogPath => JsonFileLogWriter.PathFor(dir.Path, "abc");

    LogReadOptions Follow(int? tail = null) => new() { Follow = true, Tail = tail, WriterDone = writerDone.Task };

    /// <summary>Reads in the background; lets the test wait for a number of lines.</summary>
    sealed class Follower
    {
        readonly List<string> lines = [];
        readonly SemaphoreSlim arrived = new(0);

        public Follower(string path, LogReadOptions options, CancellationToken cancellationToken = default)
        {
            Completion = Task.Run(async () =>
            {
                await foreach (var entry in new JsonFileLogReader(path).ReadAsync(options, cancellationToken))
                {
                    lock (lines) lines.Add(Text(entry));
                    arrived.Release();
                }
            });
        }

        public Task Completion { get; }

        public List<string> Lines
        {
            get { lock (lines) return [.. lines]; }
        }

        public async Task WaitForAsync(int count)
        {
            for (int i = Lines.Count; i < count;)
            {
                if (Completion.IsCompleted) await Completion; // surfaces an error
                if (!await arrived.WaitAsync(Patience)) throw new TimeoutException($"only {Lines.Count} of {count} lines arrived: {string.Join("|", Lines)}");
                i = Lines.Count;
            }
        }
    }

    [Fact]
    public async Task ReadAsync_Follow_SeesLinesWrittenAfterItStarted()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("before\n"));
        var follower = new Follower(LogPath, Follow());
        await follower.WaitForAsync(1);

        writer.Append(LogStream.Stdout, Bytes("after 1\n"));
        await follower.WaitForAsync(2);
        writer.Append(LogStream.Stderr, Bytes("after 2\n"));
        await follower.WaitForAsync(3);

        Assert.Equal(["before\n", "after 1\n", "after 2\n"], follower.Lines);
        Assert.False(follower.Completion.IsCompleted);
        writerDone.SetResult();
        await follower.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task ReadAsync_FollowWithTailZero_OnlyNewLines()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("old 1\nold 2\n"));
        var follower = new Follower(LogPath, Follow(tail: 0));
        await Task.Delay(200);

        writer.Append(LogStream.Stdout, Bytes("new\n"));
        await follower.WaitForAsync(1);

        Assert.Equal(["new\n"], follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowWithTail_LastLinesThenNewOnes()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("old 1\nold 2\nold 3\n"));
        var follower = new Follower(LogPath, Follow(tail: 1));
        await follower.WaitForAsync(1);

        writer.Append(LogStream.Stdout, Bytes("new\n"));
        await follower.WaitForAsync(2);

        Assert.Equal(["old 3\n", "new\n"], follower.Lines);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("1")]
    public async Task ReadAsync_FollowAcrossRotations_EveryLineOnceInOrder(string maxFile)
    {
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "1k", ["max-file"] = maxFile });
        using var writer = new JsonFileLogWriter(LogPath, options);
        var follower = new Follower(LogPath, Follow());
        var expected = new List<string>();

        for (int i = 0; i < 300; i++)
        {
            expected.Add($"line {i}\n");
            writer.Append(LogStream.Stdout, Bytes($"line {i}\n"));
            // Let the follower catch up now and then: with max-file 1 a rotation deletes the old
            // file, and lines a reader has not reached by the next rotation but one are gone (as in Docker).
            if (i % 10 == 9) await follower.WaitForAsync(i + 1);
        }
        await follower.WaitForAsync(300);

        Assert.Equal(expected, follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowWhileRotatingFast_NothingLostWithRotatedFilesKept()
    {
        // The reader falls behind by several rotations: the rotated files it has not read yet are
        // still there (max-file 50), and it finds them by number.
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "500", ["max-file"] = "50" });
        using var writer = new JsonFileLogWriter(LogPath, options);
        writer.Append(LogStream.Stdout, Bytes("first\n"));
        var follower = new Follower(LogPath, Follow());
        await follower.WaitForAsync(1);

        var expected = new List<string> { "first\n" };
        for (int i = 0; i < 200; i++)
        {
            expected.Add($"burst {i}\n");
            writer.Append(LogStream.Stdout, Bytes($"burst {i}\n"));
        }
        await follower.WaitForAsync(201);

        Assert.Equal(expected, follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowWhileAnotherThreadWritesAndRotates_EveryLineOnceInOrder()
    {
        // Some 330 rotations, and rotated files are kept: however long the follower is kept
        // from running (a starved thread pool), every line is still there to be read.
        var options = LogOptions.Parse(new Dictionary<string, string> { ["max-size"] = "500", ["max-file"] = "1000" });
        var writer = new JsonFileLogWriter(LogPath, options);
        var follower = new Follower(LogPath, Follow());
        var writing = new Thread(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                writer.Append(i % 3 == 0 ? LogStream.Stderr : LogStream.Stdout, Bytes($"concurrent {i}\n"));
                if (i % 50 == 0) Thread.Sleep(1);
            }
            writer.Dispose();
            writerDone.SetResult();
        });
        writing.Start();

        await follower.Completion.WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"concurrent {i}\n"), follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowEndsWhenWriterDone_AfterReadingTheRest()
    {
        var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("one\n"));
        var follower = new Follower(LogPath, Follow());
        await follower.WaitForAsync(1);

        writer.Append(LogStream.Stdout, Bytes("two\nthree without newline"));
        writer.Dispose();
        writerDone.SetResult();
        await follower.Completion.WaitAsync(Patience);

        Assert.Equal(["one\n", "two\n", "three without newline"], follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowAfterWriterAlreadyDone_ReadsAllAndEnds()
    {
        using (var writer = new JsonFileLogWriter(LogPath))
            writer.Append(LogStream.Stdout, Bytes("a\nb\n"));
        writerDone.SetResult();

        var lines = await ReadLinesAsync(LogPath, Follow()).WaitAsync(Patience);

        Assert.Equal(["a\n", "b\n"], lines);
    }

    [Fact]
    public async Task ReadAsync_FollowBeforeTheLogExists_SeesItWhenCreated()
    {
        var follower = new Follower(LogPath, Follow());
        await Task.Delay(100);

        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("hello\n"));
        await follower.WaitForAsync(1);

        Assert.Equal(["hello\n"], follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowCancelled_EndsQuietly()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("x\n"));
        using var cancel = new CancellationTokenSource();
        var follower = new Follower(LogPath, new LogReadOptions { Follow = true }, cancel.Token);
        await follower.WaitForAsync(1);

        cancel.Cancel();

        await follower.Completion.WaitAsync(Patience); // no exception
    }

    [Fact]
    public async Task ReadAsync_FollowWithUntil_EndsWhenUntilHasPassed()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        writer.Append(LogStream.Stdout, Bytes("x\n"));
        var follower = new Follower(LogPath, new LogReadOptions { Follow = true, Until = DateTimeOffset.UtcNow.AddMilliseconds(300) });

        await follower.Completion.WaitAsync(Patience);

        Assert.Equal(["x\n"], follower.Lines);
    }

    [Fact]
    public async Task ReadAsync_FollowHalfWrittenLine_WaitsForTheRest()
    {
        using var writer = new JsonFileLogWriter(LogPath);
        var follower = new Follower(LogPath, Follow());
        const string entry = "{\"log\":\"written in two goes\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:11:12Z\"}\n";

        File.AppendAllText(LogPath, entry[..20]);
        await Task.Delay(300);
        Assert.Empty(follower.Lines);
        File.AppendAllText(LogPath, entry[20..]);
        await follower.WaitForAsync(1);

        Assert.Equal(["written in two goes\n"], follower.Lines);
    }

    [Fact]
    public async Task Subscribe_LogDirectory_WatchedByInotifyAndSignalledOnWrite()
    {
        using var subscription = LogChangeNotifier.Shared.Subscribe(LogPath);
        Assert.True(subscription.IsWatched);
        await Task.WhenAny(subscription.Signal.WaitAsync(), Task.Delay(100)); // drop a stale signal, if any

        File.WriteAllText(Path.Combine(dir.Path, "unrelated"), "x");
        var wake = subscription.Signal.WaitAsync();
        await Task.Delay(200);
        Assert.False(wake.IsCompleted); // another file in the directory does not wake a follower

        File.WriteAllText(LogPath, "x");

        await wake.WaitAsync(Patience);
    }

    [Fact]
    public void Subscribe_SameDirectoryTwice_OneWatchUntilBothLeave()
    {
        var first = LogChangeNotifier.Shared.Subscribe(LogPath);
        var second = LogChangeNotifier.Shared.Subscribe(Path.Combine(dir.Path, "other-json.log"));
        Assert.True(first.IsWatched && second.IsWatched);

        first.Dispose();
        Assert.True(second.IsWatched);
        second.Dispose();
        Assert.False(second.IsWatched);
    }

    public void Dispose()
    {
        writerDone.TrySetResult();
        dir.Dispose();
    }
}
