using Cais.Images.Content;
using Cais.Images.Metadata;
using Cais.Images.References;
using Cais.Images.Snapshots;

namespace Cais.Images.Service;

/// <summary>
/// The images of one data root: blobs in the content store, unpacked layers in the snapshotter,
/// names and relations in the metadata database. Every operation writes blobs and layers first
/// and commits in one database transaction last, so a crash leaves at most unreferenced content
/// (which <see cref="CollectGarbage"/> removes), never a half image.
/// </summary>
public sealed partial class ImageStore : IDisposable
{
    public ImageStore(string dataRoot)
    {
        DataRoot = Path.GetFullPath(dataRoot);
        Directory.CreateDirectory(DataRoot);
        Content = new ContentStore(Path.Combine(DataRoot, "content"));
        Snapshots = new Snapshotter(Path.Combine(DataRoot, "overlay"));
        Metadata = new MetadataStore(Path.Combine(DataRoot, "metadata.db"));
    }

    public string DataRoot { get; }

    /// <summary>
    /// Writers of content (imports, loads, pulls) hold this shared while blobs and layers exist
    /// that their final transaction has not referenced yet; garbage collection deletes content
    /// only when it can take it exclusively (containerd's leases, in one lock file).
    /// </summary>
    string ContentLeasePath => Path.Combine(DataRoot, "content.lease");

    public ContentStore Content { get; }
    public Snapshotter Snapshots { get; }
    public MetadataStore Metadata { get; }

    /// <summary>Scratch space on the same filesystem as the stores (for archives being read); use it under <see cref="LeaseContent"/>.</summary>
    public string TempDir
    {
        get
        {
            var dir = Path.Combine(DataRoot, "tmp");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>
    /// Finds an image the way Docker does: a full id; a name:tag or name@digest; then a unique
    /// id prefix (at least 4 hex digits). A name without a tag means :latest.
    /// </summary>
    public Digest Resolve(string nameOrId)
    {
        if (ImageIds.TryParseFull(nameOrId, out var full))
            return Metadata.FindImage(full.ToString()) is not null ? full : throw new ImageNotFoundException(nameOrId);
        if (ImageReference.TryParse(nameOrId, out var reference))
        {
            var found = reference.Digest is { } d
                ? Metadata.ResolveRepoDigest(reference.WithoutTagOrDigest().WithDigest(d).ToString())
                    ?? (Metadata.FindImage(d.ToString()) is not null ? d.ToString() : null)
                : Metadata.ResolveTag(reference.ToString());
            if (found is not null) return Digest.Parse(found);
        }
        if (ImageIds.TryParsePrefix(nameOrId, out var prefix))
        {
            var matches = Metadata.ImageIdsWithPrefix(prefix);
            if (matches.Count == 1) return Digest.Parse(matches[0]);
            if (matches.Count > 1) throw new ImageConflictException($"ambiguous image id prefix {nameOrId}: it matches {matches.Count} images");
        }
        throw new ImageNotFoundException(nameOrId);
    }

    /// <summary>True when <paramref name="nameOrId"/> names an image by its id (or id prefix) rather than by a reference.</summary>
    public bool IsIdReference(string nameOrId)
    {
        if (ImageIds.IsFullId(nameOrId)) return true;
        if (ImageReference.TryParse(nameOrId, out var reference))
        {
            bool byReference = reference.Digest is { } d
                ? Metadata.ResolveRepoDigest(reference.WithoutTagOrDigest().WithDigest(d).ToString()) is not null
                : Metadata.ResolveTag(reference.ToString()) is not null;
            if (byReference) return false;
        }
        return ImageIds.IsIdOrPrefix(nameOrId);
    }

    public void Dispose() => Metadata.Dispose();
}
