using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Images.Layers;
using Cais.Images.Snapshots;
using Cais.Linux;

namespace Cais.Engine;

// docker export: the container's whole filesystem, as the container sees it (image layers and
// its changes merged), as an uncompressed tar.
public sealed partial class Engine
{
    string ExportMountsRoot => Path.Combine(Options.ExecRoot, "export");

    /// <summary>
    /// Writes the container's root filesystem to <paramref name="output"/> as a tar. Blocking;
    /// run it on a thread of its own. Symbolic links are written as links, never followed, and
    /// nothing outside the root is read (the walk goes by directory descriptors, O_NOFOLLOW).
    /// </summary>
    public void ExportContainer(string idOrName, Stream output, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        int root = OpenRootForExport(c);
        try
        {
            Events.Container("export", c);
            // The descriptor's /proc path reaches the root even once its mount is detached.
            LayerDiffer.DiffTree($"/proc/self/fd/{root}", output, cancellationToken: cancel);
        }
        finally
        {
            Fds.Close(root);
        }
    }

    /// <summary>
    /// A descriptor of the container's merged root. A running container's mounted root is
    /// used as it is. A stopped one gets a read-only overlay of its upper directory over the
    /// image's layers, mounted on a private directory and detached as soon as it is open: the
    /// descriptor keeps it alive, so nothing is left mounted whatever happens to the export, and
    /// a start of the container meanwhile mounts its own root as usual.
    /// </summary>
    int OpenRootForExport(Container c)
    {
        c.Gate.Wait();
        try
        {
            if (c.Record.State.Status == "removing")
                throw new ConflictException($"cannot export container {c.Id}: it is being removed");
            var merged = Images.Snapshots.MergedDir(c.Id);
            if (c.Record.State.Running && Mounts.IsMountPoint(merged)) return OpenDirectory(merged);
            var m = Images.Snapshots.MountsOf(c.Id);
            if (!m.IsOverlay) return OpenDirectory(m.Source); // no image layers: the upper directory is the root
            var target = Path.Combine(ExportMountsRoot, c.Id[..12] + "-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(target);
            try
            {
                OverlayMount.Mount([m.UpperDir!, .. m.LowerDirs], upperDir: null, workDir: null, Snapshotter.OverlayOptions, target);
                try { return OpenDirectory(target); }
                finally { OverlayMount.Unmount(target, detach: true); }
            }
            finally
            {
                Directory.Delete(target);
            }
        }
        finally
        {
            c.Gate.Release();
        }
    }

    static int OpenDirectory(string path)
    {
        int errno = FileOps.TryOpenAt(Flags.AT_FDCWD, System.Text.Encoding.UTF8.GetBytes(path + "\0"), Flags.O_RDONLY | FileOps.O_DIRECTORY, 0, out int fd);
        return errno == 0 ? fd : throw new SyscallException("open", path, errno);
    }

    /// <summary>Export mounts a crash left between their mount and their detach.</summary>
    void RemoveExportLeftovers()
    {
        if (!Directory.Exists(ExportMountsRoot)) return;
        foreach (var dir in Directory.EnumerateDirectories(ExportMountsRoot))
        {
            TryQuietly(() =>
            {
                if (Mounts.IsMountPoint(dir)) OverlayMount.Unmount(dir, detach: true);
                Directory.Delete(dir);
            });
        }
    }
}
