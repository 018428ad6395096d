namespace Cais.Linux;

/// <summary>Removes a directory tree that may hold anything a root filesystem holds.</summary>
public static class TreeRemoval
{
    /// <summary>
    /// Deletes <paramref name="root"/> recursively without following symlinks (.NET's recursive
    /// delete removes a link, not its target), refusing when something is mounted inside: a
    /// recursive delete would otherwise empty whatever that mount shows.
    /// </summary>
    public static void Remove(string root)
    {
        if (!Directory.Exists(root)) return;
        var mounted = Mounts.MountPointsUnder(root).ToList();
        if (mounted.Count > 0)
            throw new IOException($"cannot remove {root}: {mounted[0]} is still mounted inside it");
        Directory.Delete(root, recursive: true);
    }
}
