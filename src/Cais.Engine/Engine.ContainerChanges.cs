using Cais.Engine.Changes;
using Cais.Engine.Containers;
using Cais.Images.Snapshots;

namespace Cais.Engine;

// GET /containers/{id}/changes, and the sizes of a container's layer (ps -s, system df).
public sealed partial class Engine
{
    /// <summary>
    /// What the runtime mounts over and so makes in the upper directory when the image lacks it
    /// (Docker's "init layer" holds the same paths).
    /// </summary>
    static readonly IReadOnlySet<string> EngineMountPoints = new HashSet<string>(StringComparer.Ordinal)
    {
        "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/etc/mtab", "/.dockerenv",
        "/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev/console",
    };

    public List<FileChange> ContainerChanges(string idOrName)
    {
        var c = Get(idOrName);
        MountDescription mounts;
        try { mounts = Images.Snapshots.MountsOf(c.Id); }
        catch (SnapshotNotFoundException) { throw new Errors.ConflictException($"container {c.Id} has no read-write layer (it is being removed)"); }
        var upper = mounts.UpperDir ?? mounts.Source;
        return OverlayChanges.Compute(upper, mounts.LowerDirs, EngineMountPoints);
    }

    public sealed record LayerSizes(long SizeRw, long SizeRootFs);

    /// <summary>SizeRw: the bytes in the container's read-write layer; SizeRootFs: those plus its image's.</summary>
    public LayerSizes ContainerSizes(Container c)
    {
        long rw;
        try { rw = DirectorySize.Of(Images.Snapshots.UpperDir(c.Id)); }
        catch (SnapshotNotFoundException) { rw = 0; }
        long image = Images.Metadata.FindImage(c.Record.ImageId)?.Size ?? 0;
        return new LayerSizes(rw, rw + image);
    }
}
