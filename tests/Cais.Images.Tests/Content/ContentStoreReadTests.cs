using Cais.Images.Content;
using Cais.TestSupport;

namespace Cais.Images.Tests.Content;

public class ContentStoreReadTests : IDisposable
{
    readonly TempDir _dir = new();
    readonly ContentStore _store;

    public ContentStoreReadTests() => _store = new ContentStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    /// <summary>Flips one byte of a stored blob, as a failing disk or a careless edit would.</summary>
    void Corrupt(Digest digest, int offset)
    {
        var path = _store.PathOf(digest);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0xff));
    }

    static readonly Digest Missing = Digest.Of("never stored"u8);

    [Fact]
    public void OpenRead_Missing_ThrowsNotFound()
    {
        var e = Assert.Throws<ContentNotFoundException>(() => _store.OpenRead(Missing));

        Assert.Equal(Missing, e.Digest);
        Assert.Equal($"content {Missing} not found", e.Message);
    }

    [Fact]
    public void ExistsAndSizeOf_Missing_AreFalseAndNull()
    {
        Assert.False(_store.Exists(Missing));
        Assert.Null(_store.SizeOf(Missing));
        Assert.Throws<ContentNotFoundException>(() => _store.ReadAllBytes(Missing));
        Assert.Throws<ContentNotFoundException>(() => _store.OpenVerified(Missing));
    }

    [Fact]
    public void OpenVerified_IntactBlob_ReadsToEnd()
    {
        var data = new byte[3_000_000];
        new Random(3).NextBytes(data);
        var info = _store.Write(data);

        using var s = _store.OpenVerified(info.Digest);
        var copy = new MemoryStream();
        s.CopyTo(copy, 4096);

        Assert.Equal(data, copy.ToArray());
        Assert.False(s.CanSeek);
    }

    [Fact]
    public void OpenVerified_CorruptedOnDisk_ThrowsAtEnd()
    {
        var data = new byte[200_000];
        new Random(4).NextBytes(data);
        var info = _store.Write(data);
        Corrupt(info.Digest, 150_000);

        using var s = _store.OpenVerified(info.Digest);
        var e = Assert.Throws<DigestMismatchException>(() => s.CopyTo(Stream.Null));

        Assert.Equal(info.Digest, e.Expected);
        Assert.Contains("corrupt", e.Message);
        Assert.Contains(_store.PathOf(info.Digest), e.Message);
    }

    [Fact]
    public async Task OpenVerified_CorruptedOnDiskReadAsync_ThrowsAtEnd()
    {
        var info = _store.Write("a manifest, say"u8);
        Corrupt(info.Digest, 0);

        await using var s = _store.OpenVerified(info.Digest);

        await Assert.ThrowsAsync<DigestMismatchException>(() => s.CopyToAsync(Stream.Null));
    }

    [Fact]
    public void ReadAllBytes_CorruptedOnDisk_Throws()
    {
        var info = _store.Write("{\"schemaVersion\":2}"u8);
        Corrupt(info.Digest, 3);

        Assert.Throws<DigestMismatchException>(() => _store.ReadAllBytes(info.Digest));
    }

    [Fact]
    public void ReadAllBytes_LargerThanMax_ThrowsTooLarge()
    {
        var info = _store.Write(new byte[1025]);

        var e = Assert.Throws<ContentTooLargeException>(() => _store.ReadAllBytes(info.Digest, maxSize: 1024));

        Assert.Equal(1025, e.Size);
    }

    [Fact]
    public void Delete_StoredThenMissing_ReportsWhetherRemoved()
    {
        var info = _store.Write("x"u8);

        Assert.True(_store.Delete(info.Digest));
        Assert.False(_store.Exists(info.Digest));
        Assert.False(_store.Delete(info.Digest));
    }

    [Fact]
    public void List_StoredBlobs_NamesEachWithSizeAndSkipsStrayFiles()
    {
        var a = _store.Write("a"u8);
        var b = _store.Write("bb"u8);
        File.WriteAllText(_dir.Combine("blobs", "sha256", "not-a-digest"), "");

        var listed = _store.List().OrderBy(i => i.Size).ToList();

        Assert.Equal([a, b], listed);
    }

    [Fact]
    public void PathOf_NotSha256_Throws()
    {
        Assert.Throws<ArgumentException>(() => _store.PathOf(default));
        Assert.Throws<ArgumentException>(() => _store.PathOf(Digest.Parse("sha512:" + new string('0', 128))));
    }

    [Fact]
    public void CleanIngests_OldAndFreshTempFiles_RemovesOnlyOld()
    {
        var old = _dir.Combine("ingest", "crashed-writer");
        var fresh = _dir.Combine("ingest", "live-writer");
        File.WriteAllText(old, "partial");
        File.WriteAllText(fresh, "partial");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow - TimeSpan.FromHours(2));

        int removed = _store.CleanIngests(TimeSpan.FromHours(1));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.Equal(1, _store.CleanIngests(TimeSpan.Zero));
        Assert.Empty(Directory.GetFiles(_dir.Combine("ingest")));
    }

    [Fact]
    public void Constructor_ExistingStore_SeesItsBlobs()
    {
        var info = _store.Write("kept"u8);

        var again = new ContentStore(_dir.Path);

        Assert.True(again.Exists(info.Digest));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(_dir.Combine("ingest")));
    }
}
