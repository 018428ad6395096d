using Cais.Images;
using Cais.Images.Archives;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Engine;

// The image operations the API serves: the image store does the work; the engine adds the
// events (tag, untag, delete, import, load, save), so every client of the API sees them.
public sealed partial class Engine
{
    /// <summary>`docker tag`: <paramref name="target"/> names <paramref name="source"/>'s image.</summary>
    public Digest TagImage(string source, ImageReference target)
    {
        var (id, _) = Images.Tag(source, target.ToString());
        Events.Image("tag", id.ToString(), target.FamiliarString());
        return id;
    }

    /// <summary>`docker rmi`: what was untagged and deleted, each also an event.</summary>
    public List<RemoveEvent> RemoveImage(string nameOrId, bool force, bool noPrune)
    {
        var owners = TagOwners();
        var removed = Images.Remove(nameOrId, force, noPrune);
        PublishRemovals(removed, owners);
        return removed;
    }

    /// <summary>`docker image prune`: as <see cref="RemoveImage"/>, for every image pruned.</summary>
    public Cais.Images.Service.PruneResult PruneImages(bool all)
    {
        var owners = TagOwners();
        var result = Images.Prune(all);
        PublishRemovals(result.Events, owners);
        Events.Publish("image", "prune", "", new Dictionary<string, string> { ["reclaimed"] = result.ReclaimedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return result;
    }

    /// <summary>`docker import`: a root filesystem tar becomes an image (a tag event when named, then import).</summary>
    public ImportResult ImportImage(Stream tarball, ImageReference? tag, IReadOnlyList<string> changes, string? message, string source)
    {
        var result = RootfsImport.Import(Images, tarball, tag, changes, message, source);
        var id = result.Id.ToString();
        if (tag is not null) Events.Image("tag", id, tag.FamiliarString());
        Events.Image("import", id, id);
        return result;
    }

    /// <summary>`docker load`: the lines docker prints; a load event per image stored.</summary>
    public List<string> LoadImages(Stream archive)
    {
        var ids = new List<Digest>();
        var report = DockerArchiveReader.Load(Images, archive, ids);
        foreach (var id in ids) Events.Image("load", id.ToString(), id.ToString());
        return report;
    }

    /// <summary>`docker save`: the archive of the named images; a save event per image written.</summary>
    public void SaveImages(IReadOnlyList<string> names, Stream output)
    {
        var ids = DockerArchiveWriter.Save(Images, names, output);
        foreach (var id in ids) Events.Image("save", id.ToString(), id.ToString());
    }

    /// <summary>Which image each tag and repo digest named (familiar form → id), taken before a removal.</summary>
    Dictionary<string, string> TagOwners()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in Images.Metadata.Tags())
            if (ImageReference.TryParse(t.Reference, out var r)) owners[r.FamiliarString()] = t.ImageId;
        return owners;
    }

    /// <summary>
    /// "Untagged: busybox:latest" is an untag event of the image that name pointed at (named
    /// by the reference, as Docker's containerd store names it); "Deleted: sha256:..." a delete.
    /// </summary>
    void PublishRemovals(IEnumerable<RemoveEvent> removed, Dictionary<string, string> owners)
    {
        foreach (var e in removed)
        {
            if (e.Kind.Equals("Untagged", StringComparison.OrdinalIgnoreCase))
            {
                // A repo digest (name@sha256:...) is not in the tag table: its image is unknown here.
                if (owners.TryGetValue(e.Value, out var id)) Events.Image("untag", id, e.Value);
            }
            else
            {
                Events.Image("delete", e.Value, e.Value);
            }
        }
    }
}
