using static Cais.Images.Snapshots.SnapshotLayout;

namespace Cais.Images.Snapshots;

public sealed partial class Snapshotter
{
    /// <summary>True when the layer is committed (a staged, uncommitted one never counts).</summary>
    public bool HasLayer(Digest chainId) => Directory.Exists(LayerPath(HexOf(chainId)));

    /// <summary>
    /// A fresh empty directory to unpack a layer into (the caller runs the layer applier on
    /// <see cref="StagedLayer.Dir"/>). Dispose it if it is not committed.
    /// </summary>
    public StagedLayer Stage()
    {
        var root = NewStaging(out var name);
        try
        {
            CreateDir(Path.Combine(root, DiffDir), Mode755);
        }
        catch
        {
            DiscardStaging(name, root);
            throw;
        }
        return new StagedLayer(this, name, root);
    }

    /// <summary>
    /// Makes the staged content the layer <paramref name="chainId"/> on top of
    /// <paramref name="parentChainId"/> (null for a base layer): writes its link and lower
    /// files, creates its short link, and renames the staging directory into
    /// ROOT/layers/&lt;hex&gt;, the commit point. When the layer exists already (a concurrent
    /// unpack won), the staged copy is discarded and the call succeeds.
    /// </summary>
    /// <exception cref="SnapshotNotFoundException">The parent layer is not committed.</exception>
    /// <exception cref="ArgumentException">The stack would be deeper than <see cref="MaxDepth"/>.</exception>
    public void Commit(StagedLayer staged, Digest chainId, Digest? parentChainId)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (staged.Owner != this) throw new ArgumentException("the layer was staged by another snapshotter", nameof(staged));
        ObjectDisposedException.ThrowIf(staged.IsDisposed, staged);
        if (staged.IsCommitted) throw new InvalidOperationException("the staged layer is committed already");
        var hex = HexOf(chainId);
        var parentHex = parentChainId is { } p ? HexOf(p) : null;
        if (parentHex == hex) throw new ArgumentException($"layer {chainId} cannot be its own parent", nameof(parentChainId));

        // A discarded copy is deleted after the lock is released: it may be large.
        bool discard = false;
        try
        {
            lock (_gate) discard = !CommitLocked(staged, chainId, hex, parentChainId, parentHex);
        }
        finally
        {
            if (discard) staged.Dispose();
        }
    }

    // False when the layer exists already and the staged copy is to be discarded.
    bool CommitLocked(StagedLayer staged, Digest chainId, string hex, Digest? parentChainId, string? parentHex)
    {
        if (HasLayer(chainId)) return false;
        string? lower = null;
        if (parentHex is not null)
        {
            if (!Directory.Exists(LayerPath(parentHex)))
                throw new SnapshotNotFoundException($"parent layer {parentChainId} of {chainId} is not committed");
            lower = LowerAbove(ReadLinkName(parentHex), ReadLower(parentHex));
            if (Depth(lower) + 1 > MaxDepth)
                throw new ArgumentException($"layer {chainId} would be layer {Depth(lower) + 1} of its image: the most overlayfs stacks is {MaxDepth}");
        }

        var link = CreateShortLink(hex);
        try
        {
            File.WriteAllText(Path.Combine(staged.Root, LinkFile), link);
            if (lower is not null) File.WriteAllText(Path.Combine(staged.Root, LowerFile), lower);
            Directory.Move(staged.Root, LayerPath(hex));
        }
        catch (IOException) when (HasLayer(chainId))
        {
            // Another process renamed its copy in first: its link file names its own short
            // link, so ours (which now resolves to its layer) goes, and so does our copy.
            RemoveShortLink(link);
            return false;
        }
        catch
        {
            RemoveShortLink(link);
            throw;
        }
        staged.MarkCommitted();
        return true;
    }

    /// <summary>ROOT/layers/&lt;hex&gt;/diff: the layer's content, never to be written.</summary>
    public string LayerDir(Digest chainId)
    {
        var hex = HexOf(chainId);
        var dir = LayerPath(hex);
        if (!Directory.Exists(dir)) throw new SnapshotNotFoundException($"layer {chainId} is not committed");
        return Path.Combine(dir, DiffDir);
    }

    /// <summary>
    /// Removes a layer and its short link. Refuses while a committed layer is stacked on it or a
    /// container snapshot uses it: remove from the top down.
    /// </summary>
    /// <exception cref="SnapshotNotFoundException">No such layer.</exception>
    /// <exception cref="SnapshotInUseException">A layer above or a container uses it, or something is mounted in it.</exception>
    public void RemoveLayer(Digest chainId)
    {
        var hex = HexOf(chainId);
        (string Name, string Path) trash;
        lock (_gate)
        {
            var dir = LayerPath(hex);
            if (!Directory.Exists(dir)) throw new SnapshotNotFoundException($"layer {chainId} is not committed");
            var link = ReadLinkName(hex);
            if (UserOf(Entry(link), hex) is { } user)
                throw new SnapshotInUseException($"layer {chainId} is in use by {user}");
            if (Cais.Linux.Mounts.MountPointsUnder(dir) is [var mounted, ..])
                throw new SnapshotInUseException($"layer {chainId} has a mount at {mounted}");
            trash = RenameAway(dir);
            RemoveShortLink(link);
        }
        DiscardStaging(trash.Name, trash.Path);
    }

    /// <summary>The committed layers' chain IDs, in hex order.</summary>
    public IEnumerable<Digest> Layers() =>
        [.. Directory.EnumerateDirectories(LayersPath)
            .Select(Path.GetFileName)
            .Where(name => name is not null && IsChainIdHex(name))
            .Order(StringComparer.Ordinal)
            .Select(name => Digest.Sha256(name!))];

    // Which layer or container names "l/LINK" in its lower file; null for none.
    string? UserOf(string entry, string hex)
    {
        foreach (var dir in Directory.EnumerateDirectories(LayersPath))
        {
            var other = Path.GetFileName(dir);
            if (other == hex || !IsChainIdHex(other)) continue;
            if (ParseLower(ReadOptional(Path.Combine(dir, LowerFile))).Contains(entry))
                return $"layer sha256:{other}";
        }
        foreach (var dir in Directory.EnumerateDirectories(ContainersPath))
        {
            if (ParseLower(ReadOptional(Path.Combine(dir, LowerFile))).Contains(entry))
                return $"container {Path.GetFileName(dir)}";
        }
        return null;
    }

    string ReadLinkName(string hex)
    {
        var path = Path.Combine(LayerPath(hex), LinkFile);
        var name = File.ReadAllText(path).Trim();
        return IsLinkName(name) ? name : throw new InvalidDataException($"{path} holds \"{name}\", not a short name");
    }

    string? ReadLower(string hex) => ReadOptional(Path.Combine(LayerPath(hex), LowerFile));

    // ROOT/l/NAME → ../layers/HEX/diff, dangling until the layer's rename; a new name on collision.
    string CreateShortLink(string hex)
    {
        for (int attempt = 0; ; attempt++)
        {
            var name = NewLinkName();
            try
            {
                File.CreateSymbolicLink(ShortLinkPath(name), LinkTarget(hex));
                return name;
            }
            catch (IOException) when (attempt < 8 && Path.Exists(ShortLinkPath(name)))
            {
            }
        }
    }

    void RemoveShortLink(string name) => File.Delete(ShortLinkPath(name));
}
