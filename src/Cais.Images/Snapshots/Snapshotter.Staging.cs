using static Cais.Images.Snapshots.SnapshotLayout;

namespace Cais.Images.Snapshots;

public sealed partial class Snapshotter
{
    /// <summary>
    /// Removes what crashes left: every ROOT/staging entry this instance is not using (layers
    /// never committed, containers half created or half removed), and every short link in
    /// ROOT/l that no layer's link file names (a crash between creating the link and the
    /// commit's rename, or between a removal's rename and the link's deletion). Run it at
    /// start-up, while no other process commits into the root. Entries with a mount below
    /// are left in place.
    /// </summary>
    public void CleanStaging()
    {
        var doomed = new List<(string Name, string Path)>();
        lock (_gate)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(StagingPath))
            {
                var name = Path.GetFileName(path);
                if (_live.TryAdd(name, 0)) doomed.Add((name, path));
            }
            foreach (var path in Directory.EnumerateFileSystemEntries(LinksPath))
            {
                if (!IsLiveShortLink(path)) File.Delete(path);
            }
        }
        foreach (var (name, path) in doomed)
        {
            try
            {
                if (Directory.Exists(path)) DeleteTree(path);
                else File.Delete(path);
            }
            catch (SnapshotInUseException)
            {
                // A mount below: leave it for whoever owns the mount.
            }
            finally
            {
                ForgetStaging(name);
            }
        }
    }

    // A symbolic link named like a short link, whose target's layer has it in its link file.
    bool IsLiveShortLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not { } target) return true;   // not a symbolic link: not ours to judge
        var name = info.Name;
        if (!IsLinkName(name) || HexOfLinkTarget(target) is not { } hex) return false;
        var linkFile = Path.Combine(LayerPath(hex), LinkFile);
        return File.Exists(linkFile) && File.ReadAllText(linkFile).Trim() == name;
    }
}
