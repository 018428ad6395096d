using Cais.Images.Bootstrap;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>
/// Base images made on this machine, without a registry: `cais image bootstrap busybox` from
/// Debian's busybox-static, `cais image bootstrap debian:bookworm` with debootstrap. Build one
/// into a work directory (<see cref="BuildBusybox"/>, <see cref="BuildDebian"/>), then import it
/// into a store or hand it to a daemon as an archive.
/// </summary>
public static class ImageBootstrap
{
    const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// A busybox image tagged busybox:latest (or <paramref name="tag"/>). Every timestamp is the
    /// busybox binary's, so bootstrapping twice on one machine gives the same image id.
    /// </summary>
    public static ImportResult Busybox(ImageStore store, ImageReference? tag = null, string busybox = BusyboxRootfsBuilder.DefaultBusybox) =>
        store.WithContentLease(() =>
        {
            using var image = BuildBusybox(store.TempDir, tag, busybox);
            return Import(store, image);
        });

    /// <summary>A Debian image from debootstrap --variant=minbase, tagged debian:SUITE.</summary>
    public static ImportResult Debian(ImageStore store, string suite, ImageReference? tag = null, string? mirror = null, Action<string>? progress = null) =>
        store.WithContentLease(() =>
        {
            using var image = BuildDebian(store.TempDir, suite, tag, mirror, progress);
            return Import(store, image);
        });

    /// <summary>Builds the busybox image in a new directory under <paramref name="workParent"/>.</summary>
    public static BootstrappedImage BuildBusybox(string workParent, ImageReference? tag = null, string busybox = BusyboxRootfsBuilder.DefaultBusybox)
    {
        if (!File.Exists(busybox))
            throw new FileNotFoundException($"{busybox} is missing: install Debian's busybox-static (apt-get install busybox-static)", busybox);
        var epoch = new DateTimeOffset(File.GetLastWriteTimeUtc(busybox), TimeSpan.Zero);
        epoch = epoch.AddTicks(-(epoch.Ticks % TimeSpan.TicksPerSecond));
        return FromRootfs(workParent, tag ?? ImageReference.Parse("busybox:latest"), epoch,
            root => BusyboxRootfsBuilder.Build(root, busybox),
            ["sh"], $"cais image bootstrap busybox (from {busybox})");
    }

    /// <summary>Builds a Debian image with debootstrap in a new directory under <paramref name="workParent"/>.</summary>
    public static BootstrappedImage BuildDebian(string workParent, string suite, ImageReference? tag = null, string? mirror = null, Action<string>? progress = null)
    {
        mirror ??= DebootstrapBuilder.AptMirror() ?? DebootstrapBuilder.DefaultMirror;
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return FromRootfs(workParent, tag ?? ImageReference.Parse($"debian:{suite}"), now,
            root => DebootstrapBuilder.Build(root, suite, mirror, progress),
            ["bash"], $"debootstrap --variant=minbase {suite} {mirror}");
    }

    /// <summary>Stores a built image under its name.</summary>
    public static ImportResult Import(ImageStore store, BootstrappedImage image)
    {
        var layer = new LayerSource(() => File.OpenRead(image.LayerTar), MediaTypes.OciLayer, image.DiffId);
        return store.Import(new ImportRequest(image.Config, [layer]) { Tags = [image.Tag] });
    }

    static BootstrappedImage FromRootfs(string workParent, ImageReference tag, DateTimeOffset created, Action<string> build, List<string> cmd, string createdBy)
    {
        var work = Path.Combine(workParent, "bootstrap-" + Guid.NewGuid().ToString("N"));
        var root = Path.Combine(work, "rootfs");
        var tar = Path.Combine(work, "layer.tar");
        try
        {
            Directory.CreateDirectory(work);
            build(root);
            DiffResult diff;
            using (var output = File.Create(tar))
                diff = LayerDiffer.DiffTree(root, output, new DiffOptions { SourceDateEpoch = created });
            // The tree is in the tar now; the directory would only double the disk it takes.
            Cais.Linux.TreeRemoval.Remove(root);
            var createdText = Rfc3339.Format(created);
            var platform = HostPlatform.Current;
            var config = new ImageConfig
            {
                Created = createdText, Architecture = platform.Architecture, Os = platform.Os, Variant = platform.Variant,
                Config = new ContainerConfig { Env = [DefaultPath], Cmd = cmd },
                RootFs = new RootFs { DiffIds = [diff.DiffId.ToString()] },
                History = [new HistoryEntry { Created = createdText, CreatedBy = createdBy }],
            };
            return new BootstrappedImage(work, ModelJson.Serialize(config), tar, diff.DiffId, tag);
        }
        catch
        {
            Cais.Linux.TreeRemoval.Remove(work);
            throw;
        }
    }
}
