using System.Security.Cryptography;

namespace Cais.Images.Content;

/// <summary>
/// One blob being written: a private temporary file in ingest/, hashed as bytes arrive
/// (containerd's content.Writer). <see cref="Commit"/> fsyncs, verifies and renames it into
/// place; disposing without committing removes it. Nothing half-written ever sits under blobs/.
/// </summary>
sealed class Ingest : IDisposable
{
    readonly ContentStore _store;
    readonly Digest? _expected;
    readonly long? _expectedSize;
    readonly FileStream _file;
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    bool _committed;

    public Ingest(ContentStore store, Digest? expected, long? expectedSize)
    {
        _store = store;
        _expected = expected;
        _expectedSize = expectedSize;

        // A random name per writer: two writers of one blob never share a file.
        var label = expected is { } e ? e.Hex[..12] : "blob";
        TempPath = Path.Combine(store.IngestDirectory, $"{label}-{Guid.NewGuid():N}");
        _file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    public string TempPath { get; }

    public long Written { get; private set; }

    /// <summary>Appends data; past the expected size it stops at once rather than store the excess.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Written += data.Length;
        if (_expectedSize is { } max && Written > max)
            throw DigestMismatchException.ForSize(_expected, max, Written, stoppedEarly: true);
        _hash.AppendData(data);
        _file.Write(data);
    }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Written += data.Length;
        if (_expectedSize is { } max && Written > max)
            throw DigestMismatchException.ForSize(_expected, max, Written, stoppedEarly: true);
        _hash.AppendData(data.Span);
        await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies what was written and renames it into blobs/sha256/.</summary>
    public ContentInfo Commit()
    {
        // fsync before the rename: after a crash the name must never point at missing data.
        _file.Flush(flushToDisk: true);
        _file.Dispose();

        var actual = Digest.FromHash(_hash.GetHashAndReset());
        if (_expectedSize is { } size && Written != size)
            throw DigestMismatchException.ForSize(_expected, size, Written, stoppedEarly: false);
        if (_expected is { } expected && expected != actual)
            throw DigestMismatchException.ForDigest(expected, actual, Written);

        // Blobs are immutable: read-only, as containerd's local store leaves them.
        File.SetUnixFileMode(TempPath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var target = _store.PathOf(actual);
        if (File.Exists(target))
        {
            File.Delete(TempPath);
        }
        else
        {
            // rename(2) is atomic: a concurrent writer of the same blob either finds it present
            // above, or replaces it with identical bytes; a reader sees the old or the new inode,
            // both complete.
            File.Move(TempPath, target, overwrite: true);
            // The rename is durable only once the directory holding the new name is synced.
            Cais.Linux.FileSystem.SyncDirectory(Path.GetDirectoryName(target)!);
        }
        _committed = true;
        return new ContentInfo(actual, Written);
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(TempPath);
            }
            catch (IOException)
            {
                // Left for CleanIngests; the original failure matters more than this one.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
