using System.Buffers;

namespace Cais.Images.Content;

public sealed partial class ContentStore
{
    /// <summary>
    /// Stores a blob read from <paramref name="data"/> (which need not be seekable): written to a
    /// private file in ingest/, hashed as it goes, fsynced, verified against
    /// <paramref name="expected"/> and <paramref name="expectedSize"/> when given, then renamed
    /// into place. On any failure nothing is stored and the temporary file is removed.
    /// </summary>
    /// <remarks>
    /// When <paramref name="expected"/> is already stored, the stream is not read at all. Two
    /// writers of one blob at once both succeed and leave one file.
    /// </remarks>
    /// <exception cref="DigestMismatchException">The data is not what was expected; nothing was stored.</exception>
    public ContentInfo Write(Stream data, Digest? expected = null, long? expectedSize = null)
    {
        if (AlreadyStored(expected, expectedSize) is { } present) return present;
        using var ingest = new Ingest(this, expected, expectedSize);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int n;
            while ((n = data.Read(buffer, 0, buffer.Length)) > 0) ingest.Append(buffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return ingest.Commit();
    }

    /// <summary>As <see cref="Write(Stream, Digest?, long?)"/>, reading asynchronously (registry downloads).</summary>
    public async Task<ContentInfo> WriteAsync(Stream data, Digest? expected = null, long? expectedSize = null,
        CancellationToken cancellationToken = default)
    {
        if (AlreadyStored(expected, expectedSize) is { } present) return present;
        using var ingest = new Ingest(this, expected, expectedSize);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int n;
            while ((n = await data.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                await ingest.AppendAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return ingest.Commit();
    }

    /// <summary>Stores a blob held in memory (a manifest or config just built or fetched).</summary>
    /// <exception cref="DigestMismatchException">The bytes do not hash to <paramref name="expected"/>; nothing was stored.</exception>
    public ContentInfo Write(ReadOnlySpan<byte> data, Digest? expected = null)
    {
        // Hashing first costs one pass over bytes already in memory, and spares the disk a
        // write for a mismatch or a blob already present.
        var actual = Digest.Of(data);
        if (expected is { } e && e != actual) throw DigestMismatchException.ForDigest(e, actual, data.Length);
        if (AlreadyStored(actual, data.Length) is { } present) return present;
        using var ingest = new Ingest(this, actual, data.Length);
        ingest.Append(data);
        return ingest.Commit();
    }

    /// <summary>The stored blob when <paramref name="expected"/> is present; a size that disagrees with it is a mismatch.</summary>
    ContentInfo? AlreadyStored(Digest? expected, long? expectedSize)
    {
        if (expected is not { } digest) return null;
        PathOf(digest); // refuses non-sha256 digests before anything is read
        if (SizeOf(digest) is not { } size) return null;
        if (expectedSize is { } want && want != size)
            throw DigestMismatchException.ForSize(digest, want, size, stoppedEarly: false);
        return new ContentInfo(digest, size);
    }
}
