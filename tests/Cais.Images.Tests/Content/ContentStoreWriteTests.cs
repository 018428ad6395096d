using Cais.Images.Content;
using Cais.TestSupport;

namespace Cais.Images.Tests.Content;

public class ContentStoreWriteTests : IDisposable
{
    readonly TempDir _dir = new();
    readonly ContentStore _store;

    public ContentStoreWriteTests() => _store = new ContentStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    static byte[] Blob(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    string[] IngestFiles() => Directory.GetFiles(_dir.Combine("ingest"));

    string[] BlobFiles() => Directory.GetFiles(_dir.Combine("blobs", "sha256"));

    [Fact]
    public void Write_Stream_StoresUnderItsDigestAndReadsBack()
    {
        var data = Blob(300_000);

        var info = _store.Write(new MemoryStream(data));

        Assert.Equal(new ContentInfo(Digest.Of(data), data.Length), info);
        Assert.True(_store.Exists(info.Digest));
        Assert.Equal(data.Length, _store.SizeOf(info.Digest));
        Assert.Equal(_dir.Combine("blobs", "sha256", info.Digest.Hex), _store.PathOf(info.Digest));
        using var read = _store.OpenRead(info.Digest);
        var back = new MemoryStream();
        read.CopyTo(back);
        Assert.Equal(data, back.ToArray());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_ExpectedDigestAndSize_Verifies()
    {
        var data = Blob(1000);

        var info = _store.Write(new MemoryStream(data), Digest.Of(data), data.Length);

        Assert.Equal(Digest.Of(data), info.Digest);
    }

    [Fact]
    public void Write_Stored_IsReadOnly()
    {
        var info = _store.Write("{}"u8);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(_store.PathOf(info.Digest)));
    }

    [Fact]
    public void Write_DigestMismatch_StoresNothingAndNamesBoth()
    {
        var data = Blob(5000);
        var wrong = Digest.Of("other"u8);

        var e = Assert.Throws<DigestMismatchException>(() => _store.Write(new MemoryStream(data), wrong));

        Assert.Equal(wrong, e.Expected);
        Assert.Equal(Digest.Of(data), e.Actual);
        Assert.Contains(wrong.ToString(), e.Message);
        Assert.Contains(Digest.Of(data).ToString(), e.Message);
        Assert.False(_store.Exists(Digest.Of(data)));
        Assert.Empty(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_SpanDigestMismatch_StoresNothing()
    {
        var e = Assert.Throws<DigestMismatchException>(() => _store.Write("abc"u8, Digest.Of("abd"u8)));

        Assert.Equal(Digest.Of("abc"u8), e.Actual);
        Assert.Empty(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_MoreDataThanExpectedSize_StopsEarlyAndStoresNothing()
    {
        var data = Blob(100_000);
        var stream = new NetworkLikeStream(data, chunk: 4096);

        var e = Assert.Throws<DigestMismatchException>(() => _store.Write(stream, Digest.Of(data), expectedSize: 10_000));

        Assert.Equal(10_000, e.ExpectedSize);
        Assert.Contains("expected 10000 bytes, got more than 10000", e.Message);
        Assert.True(stream.BytesRead < data.Length);
        Assert.Empty(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_LessDataThanExpectedSize_StoresNothing()
    {
        var data = Blob(1000);

        var e = Assert.Throws<DigestMismatchException>(() => _store.Write(new MemoryStream(data), expectedSize: 1001));

        Assert.Equal(1000, e.ActualSize);
        Assert.Equal("content size mismatch: expected 1001 bytes, got 1000", e.Message);
        Assert.Empty(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_UnseekableStreamWithShortReads_Stores()
    {
        var data = Blob(2_500_000);

        var info = _store.Write(new NetworkLikeStream(data, chunk: 777), Digest.Of(data), data.Length);

        Assert.Equal(data, File.ReadAllBytes(_store.PathOf(info.Digest)));
    }

    [Fact]
    public void Write_StreamFailsMidway_LeavesNoTrace()
    {
        var data = Blob(100_000);

        Assert.Throws<IOException>(() => _store.Write(new NetworkLikeStream(data, failAfter: 50_000), Digest.Of(data)));

        Assert.Empty(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public async Task WriteAsync_UnseekableStream_StoresAndVerifies()
    {
        var data = Blob(400_000);

        var info = await _store.WriteAsync(new NetworkLikeStream(data, chunk: 5000), Digest.Of(data), data.Length);

        Assert.Equal(data.Length, info.Size);
        await Assert.ThrowsAsync<DigestMismatchException>(() => _store.WriteAsync(new MemoryStream(Blob(10, 2)), Digest.Of("x"u8)));
        Assert.Single(BlobFiles());
        Assert.Empty(IngestFiles());
    }

    [Fact]
    public void Write_AlreadyStored_DoesNotReadTheStream()
    {
        var data = Blob(1000);
        _store.Write(data);
        var stream = new NetworkLikeStream(data);

        var info = _store.Write(stream, Digest.Of(data), data.Length);

        Assert.Equal(0, stream.BytesRead);
        Assert.Equal(data.Length, info.Size);
    }

    [Fact]
    public void Write_AlreadyStoredWithOtherExpectedSize_Throws()
    {
        var data = Blob(1000);
        _store.Write(data);

        Assert.Throws<DigestMismatchException>(() => _store.Write(new MemoryStream(data), Digest.Of(data), 999));
    }

    [Fact]
    public void Write_EmptyBlob_IsStored()
    {
        var info = _store.Write(new MemoryStream());

        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", info.Digest.ToString());
        Assert.Equal(0, _store.SizeOf(info.Digest));
    }

    [Fact]
    public async Task Write_EightWritersOfOneBlobAtOnce_AllSucceedWithOneFile()
    {
        var data = Blob(5 << 20);
        var digest = Digest.Of(data);
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return _store.Write(new NetworkLikeStream(data, chunk: 64 << 10), digest, data.Length);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(writers);

        Assert.All(results, r => Assert.Equal(new ContentInfo(digest, data.Length), r));
        Assert.Equal([_store.PathOf(digest)], BlobFiles());
        Assert.Empty(IngestFiles());
        Assert.Equal(data, _store.ReadAllBytes(digest));
    }

    [Fact]
    public void Write_ExpectedSha512_IsRefused()
    {
        var sha512 = Digest.Parse("sha512:" + new string('a', 128));

        Assert.Throws<ArgumentException>(() => _store.Write(new MemoryStream([1]), sha512));
        Assert.False(_store.Exists(sha512));
        Assert.Null(_store.SizeOf(sha512));
    }
}
