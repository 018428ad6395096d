using System.Security.Cryptography;

namespace Cais.Images.Content;

/// <summary>
/// Blobs addressed by their sha256 digest: <c>ROOT/blobs/sha256/&lt;hex&gt;</c>, written through
/// <c>ROOT/ingest/</c> (containerd's local content store, with its provider, ingester and info
/// roles as methods of one class). A blob is stored only after its digest (and size, when known)
/// has been verified, so every file under blobs/ is complete and correct when it appears.
/// </summary>
/// <remarks>
/// The store knows nothing of images: which blobs are referenced, and when one may be deleted,
/// is the metadata store's business. Layout matches containerd's and the OCI image layout's
/// blobs/ directory, so a blob path can be handed to tools that expect either.
/// </remarks>
public sealed partial class ContentStore
{
    const int BufferSize = 1 << 20;

    public ContentStore(string root)
    {
        Root = Path.GetFullPath(root);
        BlobDirectory = Path.Combine(Root, "blobs", "sha256");
        IngestDirectory = Path.Combine(Root, "ingest");
        Directory.CreateDirectory(BlobDirectory);
        // In-progress writes are nobody else's to read.
        Directory.CreateDirectory(IngestDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Root { get; }

    internal string BlobDirectory { get; }

    internal string IngestDirectory { get; }

    /// <summary>The file of a blob, present or not (for hard-linking and sendfile).</summary>
    /// <exception cref="ArgumentException">The digest is not sha256: the store holds nothing else.</exception>
    public string PathOf(Digest digest)
    {
        if (digest.IsDefault || digest.Algorithm != "sha256")
            throw new ArgumentException($"the content store holds sha256 blobs only, not \"{digest}\"", nameof(digest));
        return Path.Combine(BlobDirectory, digest.Hex);
    }

    public bool Exists(Digest digest) => IsStorable(digest) && File.Exists(PathOf(digest));

    /// <summary>The blob's size in bytes, or null when it is not stored.</summary>
    public long? SizeOf(Digest digest)
    {
        if (!IsStorable(digest)) return null;
        var info = new FileInfo(PathOf(digest));
        return info.Exists ? info.Length : null;
    }

    /// <summary>Opens a blob for reading, without re-verifying it (see <see cref="OpenVerified"/>).</summary>
    /// <exception cref="ContentNotFoundException">The blob is not stored.</exception>
    public Stream OpenRead(Digest digest)
    {
        if (!IsStorable(digest)) throw new ContentNotFoundException(digest);
        try
        {
            // FileShare.Delete: a blob may be deleted while someone still reads it, as on any Unix.
            return new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new ContentNotFoundException(digest);
        }
    }

    /// <summary>
    /// Opens a blob whose bytes are hashed as they are read; reaching the end throws
    /// <see cref="DigestMismatchException"/> if the file no longer matches its name (disk
    /// corruption, or someone editing the store). Not seekable, so every byte is hashed once.
    /// </summary>
    public Stream OpenVerified(Digest digest) => new VerifyingStream(OpenRead(digest), digest, PathOf(digest));

    /// <summary>
    /// Reads a small blob (a manifest, index or config) whole, verified against its digest:
    /// these bytes are what image IDs and manifest digests name.
    /// </summary>
    /// <exception cref="ContentTooLargeException">The blob exceeds <paramref name="maxSize"/>.</exception>
    public byte[] ReadAllBytes(Digest digest, long maxSize = 64 << 20)
    {
        using var stream = OpenRead(digest);
        if (stream.Length > maxSize) throw new ContentTooLargeException(digest, stream.Length, maxSize);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var actual = Digest.FromHash(SHA256.HashData(bytes));
        if (actual != digest) throw DigestMismatchException.Corrupt(digest, actual, PathOf(digest));
        return bytes;
    }

    /// <summary>Removes a blob; false when it was not there. Readers that hold it open keep their data.</summary>
    public bool Delete(Digest digest)
    {
        if (!IsStorable(digest)) return false;
        var path = PathOf(digest);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <summary>Every stored blob. Files under blobs/sha256 not named by 64 hex digits are not blobs and are skipped.</summary>
    public IEnumerable<ContentInfo> List()
    {
        foreach (var file in new DirectoryInfo(BlobDirectory).EnumerateFiles())
        {
            if (Digest.TryParse("sha256:" + file.Name, out var digest))
                yield return new ContentInfo(digest, file.Length);
        }
    }

    /// <summary>
    /// Removes temporary files of writers that crashed or were killed: those not written to
    /// for <paramref name="olderThan"/>. A live writer touches its file with every chunk, so a
    /// threshold longer than a stalled download's timeout never removes one in use; at daemon
    /// start, when no writer can be live, <see cref="TimeSpan.Zero"/> removes them all.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public int CleanIngests(TimeSpan olderThan)
    {
        var cutoff = DateTime.UtcNow - olderThan;
        int removed = 0;
        foreach (var file in new DirectoryInfo(IngestDirectory).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc > cutoff) continue;
            try
            {
                file.Delete();
                removed++;
            }
            catch (FileNotFoundException)
            {
                // Committed or removed by its writer meanwhile.
            }
        }
        return removed;
    }

    static bool IsStorable(Digest digest) => !digest.IsDefault && digest.Algorithm == "sha256";
}
