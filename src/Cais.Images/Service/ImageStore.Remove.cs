using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>One line of what `rmi` did: "Untagged: busybox:latest" or "Deleted: sha256:...".</summary>
public sealed record RemoveEvent(string Kind, string Value)
{
    public override string ToString() => $"{Kind}: {Value}";
}

public sealed partial class ImageStore
{
    /// <summary>
    /// `docker rmi`, with Docker's rules: by name it removes that name, and the image too when it
    /// was the last one; by id it removes every name of the image (refused without force when
    /// the names span several repositories) and the image. An image a container uses keeps
    /// existing (its last name goes only with force); one with child images is never deleted.
    /// Untagged parents left behind are deleted too unless <paramref name="noPrune"/>.
    /// </summary>
    public List<RemoveEvent> Remove(string nameOrId, bool force, bool noPrune)
    {
        var id = Resolve(nameOrId).ToString();
        var events = new List<RemoveEvent>();
        var users = Metadata.UsersOf(id);
        var names = Metadata.TagsOf(id).Concat(Metadata.RepoDigestsOf(id)).ToList();
        if (!IsIdReference(nameOrId))
        {
            var reference = ImageReference.Parse(nameOrId);
            var key = (reference.Digest is { } d ? reference.WithoutTagOrDigest().WithDigest(d) : reference).ToString();
            if (names.Count == 1 && users.Count > 0 && !force)
                throw new ImageConflictException($"conflict: unable to remove repository reference \"{nameOrId}\" (must force) - container {Short(users[0])} is using its referenced image {Digest.Parse(id).Short}");
            RemoveName(key, events);
            // Still named, used, or a parent of other images: the untag was the whole removal
            // (moby ignores those conflicts once a reference was removed).
            if (names.Count > 1 || users.Count > 0 || Metadata.ChildrenOf(id).Count > 0) return events;
            DeleteImage(id, events, noPrune);
            return events;
        }
        if (users.Count > 0)
        {
            if (!force)
                throw new ImageConflictException($"conflict: unable to delete {Digest.Parse(id).Short} (must be forced) - image is being used by container {Short(users[0])}");
            foreach (var n in names) RemoveName(n, events);
            return events;
        }
        if (Metadata.ChildrenOf(id).Count > 0)
            throw new ImageConflictException($"conflict: unable to delete {Digest.Parse(id).Short} (cannot be forced) - image has dependent child images");
        var repositories = names.Select(n => ImageReference.Parse(n).Name).Distinct().Count();
        if (repositories > 1 && !force)
            throw new ImageConflictException($"conflict: unable to delete {Digest.Parse(id).Short} (must be forced) - image is referenced in multiple repositories");
        foreach (var n in names) RemoveName(n, events);
        DeleteImage(id, events, noPrune);
        return events;
    }

    void RemoveName(string reference, List<RemoveEvent> events)
    {
        Metadata.Write(tx => tx.RemoveTag(reference) | tx.RemoveRepoDigest(reference));
        events.Add(new RemoveEvent("Untagged", ImageReference.Parse(reference).FamiliarString()));
    }

    /// <summary>Deletes an image record, its now-unused content, and (unless noPrune) untagged parents.</summary>
    void DeleteImage(string id, List<RemoveEvent> events, bool noPrune)
    {
        if (Metadata.ChildrenOf(id).Count > 0)
            throw new ImageConflictException($"conflict: unable to delete {Digest.Parse(id).Short} (cannot be forced) - image has dependent child images");
        var parent = Metadata.FindImage(id)?.Parent;
        Metadata.Write(tx => tx.RemoveImage(id));
        events.Add(new RemoveEvent("Deleted", id));
        CollectGarbage();
        if (noPrune || parent is null) return;
        if (Metadata.FindImage(parent) is not null && Metadata.TagsOf(parent).Count == 0 && Metadata.RepoDigestsOf(parent).Count == 0
            && Metadata.UsersOf(parent).Count == 0 && Metadata.ChildrenOf(parent).Count == 0)
            DeleteImage(parent, events, noPrune);
    }

    static string Short(string user) => user.Contains(':') ? user[(user.IndexOf(':') + 1)..][..Math.Min(12, user.Length - user.IndexOf(':') - 1)] : user;
}
