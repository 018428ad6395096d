namespace Cais.Images.Content;

/// <summary>No blob with this digest is stored (the "not found" category).</summary>
public sealed class ContentNotFoundException(Digest digest)
    : Exception($"content {digest} not found")
{
    public Digest Digest { get; } = digest;
}

/// <summary>
/// Content does not match what it should be: while writing, the data is not what the
/// descriptor promised (digest or size); while reading, the file on disk has changed since it
/// was stored. Nothing mismatching is ever stored.
/// </summary>
public sealed class DigestMismatchException : Exception
{
    public DigestMismatchException(string message, Digest? expected, Digest? actual, long? expectedSize, long? actualSize)
        : base(message)
    {
        Expected = expected;
        Actual = actual;
        ExpectedSize = expectedSize;
        ActualSize = actualSize;
    }

    public Digest? Expected { get; }

    /// <summary>Null when writing stopped early because the data ran past the expected size.</summary>
    public Digest? Actual { get; }

    public long? ExpectedSize { get; }

    public long? ActualSize { get; }

    internal static DigestMismatchException ForDigest(Digest expected, Digest actual, long size) =>
        new($"content digest mismatch: expected {expected}, got {actual} ({size} bytes)", expected, actual, null, size);

    internal static DigestMismatchException ForSize(Digest? expected, long expectedSize, long actualSize, bool stoppedEarly) =>
        new($"content size mismatch{(expected is { } d ? $" for {d}" : "")}: expected {expectedSize} bytes, got " +
            (stoppedEarly ? $"more than {expectedSize}" : actualSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            expected, null, expectedSize, stoppedEarly ? null : actualSize);

    internal static DigestMismatchException Corrupt(Digest stored, Digest actual, string path) =>
        new($"content {stored} is corrupt on disk ({path} now hashes to {actual})", stored, actual, null, null);
}

/// <summary>A blob is larger than the caller is willing to hold in memory (manifests and configs are small).</summary>
public sealed class ContentTooLargeException(Digest digest, long size, long maxSize)
    : Exception($"content {digest} is {size} bytes, more than the {maxSize} allowed here")
{
    public Digest Digest { get; } = digest;

    public long Size { get; } = size;
}
