namespace Cais.Images.Layers;

/// <summary>A layer could not be applied or made; <see cref="EntryName"/> names the tar entry at fault.</summary>
public class LayerException : Exception
{
    public LayerException(string? entryName, string message, Exception? inner = null)
        : base(entryName is null ? message : $"layer entry \"{entryName}\": {message}", inner)
    {
        EntryName = entryName;
    }

    /// <summary>The entry's name as the archive spells it; null when the fault is not one entry's.</summary>
    public string? EntryName { get; }
}

/// <summary>
/// An entry would write outside the target directory (a path climbing above it, a write through
/// a symbolic link, a hard link to a file outside) or is of a kind the options forbid (a device).
/// Nothing of that entry was written.
/// </summary>
public sealed class LayerSecurityException(string entryName, string message)
    : LayerException(entryName, message);

/// <summary>
/// The archive is malformed: truncated, a bad header checksum, an unparsable field, an entry
/// type or sparse format cais does not read. <see cref="LayerException.EntryName"/> is the entry
/// being read, or the last good one ("after ...") when the next header itself is broken.
/// </summary>
public sealed class LayerFormatException(string? entryName, string message, Exception? inner = null)
    : LayerException(entryName, message, inner);
