using Cais.Images.Snapshots;

namespace Cais.Images.Service;

/// <summary>What a prune or garbage collection removed.</summary>
public sealed record PruneResult(List<RemoveEvent> Events, long ReclaimedBytes);

public sealed partial class ImageStore
{
    /// <summary>
    /// `docker image prune`: deletes dangling images (no name, no child, no user), or with
    /// <paramref name="all"/> every image no container uses; then unused layers and blobs.
    /// </summary>
    public PruneResult Prune(bool all)
    {
        var events = new List<RemoveEvent>();
        long reclaimed = 0;
        bool removedSome;
        do
        {
            removedSome = false;
            foreach (var image in Metadata.Images())
            {
                if (Metadata.UsersOf(image.Id).Count > 0 || Metadata.ChildrenOf(image.Id).Count > 0) continue;
                var names = Metadata.TagsOf(image.Id).Concat(Metadata.RepoDigestsOf(image.Id)).ToList();
                if (names.Count > 0 && !all) continue;
                foreach (var n in names)
                {
                    Metadata.Write(tx => tx.RemoveTag(n) | tx.RemoveRepoDigest(n));
                    events.Add(new RemoveEvent("untagged", References.ImageReference.Parse(n).FamiliarString()));
                }
                Metadata.Write(tx => tx.RemoveImage(image.Id));
                events.Add(new RemoveEvent("deleted", image.Id));
                removedSome = true; // a parent may now be dangling
            }
        } while (removedSome);
        reclaimed += CollectGarbage();
        return new PruneResult(events, reclaimed);
    }

    /// <summary>
    /// Removes unpacked layers no image stacks and no container stands on (top first), blobs no
    /// image refers to, and leftovers of interrupted writes. Returns the bytes freed.
    /// </summary>
    public long CollectGarbage()
    {
        // Content being written by another process is not referenced yet: skip this round.
        using var exclusive = Cais.Linux.FileLock.TryExclusive(ContentLeasePath);
        if (exclusive is null) return 0;
        long freed = 0;
        bool removedSome;
        do
        {
            removedSome = false;
            foreach (var chain in Metadata.UnreferencedLayers())
            {
                var record = Metadata.FindLayer(chain);
                try
                {
                    var id = Digest.Parse(chain);
                    if (Snapshots.HasLayer(id)) Snapshots.RemoveLayer(id);
                }
                catch (SnapshotInUseException)
                {
                    continue; // a layer above it, or a container, still stands on it
                }
                Metadata.Write(tx => tx.RemoveLayer(chain));
                freed += record?.Size ?? 0;
                removedSome = true;
            }
        } while (removedSome);
        var referenced = Metadata.ReferencedBlobs();
        foreach (var blob in Content.List())
        {
            if (referenced.Contains(blob.Digest.ToString())) continue;
            if (Content.Delete(blob.Digest)) freed += blob.Size;
        }
        Snapshots.CleanStaging();
        Content.CleanIngests(TimeSpan.FromHours(1));
        return freed;
    }
}
