using Cais.Images.Bootstrap;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>
/// Base images made on this machine, without a registry: `cais image bootstrap busybox` from
/// Debian's busybox-static, `cais image bootstrap debian:bookworm` with debootstrap.
/// </summary>
public static class ImageBootstrap
{
    const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// A busybox image tagged busybox:latest (or <paramref name="tag"/>). Every timestamp is the
    /// busybox binary's, so bootstrapping twice on one machine gives the same image id.
    /// </summary>
    public static ImportResult Busybox(ImageStore store, ImageReference? tag = null, string busybox = BusyboxRootfsBuilder.DefaultBusybox)
    {
        if (!File.Exists(busybox))
            throw new FileNotFoundException($"{busybox} is missing: install Debian's busybox-static (apt-get install busybox-static)", busybox);
        var epoch = new DateTimeOffset(File.GetLastWriteTimeUtc(busybox), TimeSpan.Zero);
        epoch = epoch.AddTicks(-(epoch.Ticks % TimeSpan.TicksPerSecond));
        return FromRootfs(store, tag ?? ImageReference.Parse("busybox:latest"), epoch,
            root => BusyboxRootfsBuilder.Build(root, busybox),
            ["sh"], $"cais image bootstrap busybox (from {busybox})");
    }

    /// <summary>A Debian image from debootstrap --variant=minbase, tagged debian:SUITE.</summary>
    public static ImportResult Debian(ImageStore store, string suite, ImageReference? tag = null, string? mirror = null, Action<string>? progress = null)
    {
        mirror ??= DebootstrapBuilder.AptMirror() ?? DebootstrapBuilder.DefaultMirror;
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return FromRootfs(store, tag ?? ImageReference.Parse($"debian:{suite}"), now,
            root => DebootstrapBuilder.Build(root, suite, mirror, progress),
            ["bash"], $"debootstrap --variant=minbase {suite} {mirror}");
    }

    // Under one lease from the start: the work tree in the store's TempDir is scratch.
    static ImportResult FromRootfs(ImageStore store, ImageReference tag, DateTimeOffset created, Action<string> build, List<string> cmd, string createdBy) =>
        store.WithContentLease(() => FromRootfsLeased(store, tag, created, build, cmd, createdBy));

    static ImportResult FromRootfsLeased(ImageStore store, ImageReference tag, DateTimeOffset created, Action<string> build, List<string> cmd, string createdBy)
    {
        var work = Path.Combine(store.TempDir, "bootstrap-" + Guid.NewGuid().ToString("N"));
        var root = Path.Combine(work, "rootfs");
        var tar = Path.Combine(work, "layer.tar");
        try
        {
            Directory.CreateDirectory(work);
            build(root);
            DiffResult diff;
            using (var output = File.Create(tar))
                diff = LayerDiffer.DiffTree(root, output, new DiffOptions { SourceDateEpoch = created });
            var createdText = Rfc3339.Format(created);
            var platform = HostPlatform.Current;
            var config = new ImageConfig
            {
                Created = createdText, Architecture = platform.Architecture, Os = platform.Os, Variant = platform.Variant,
                Config = new ContainerConfig { Env = [DefaultPath], Cmd = cmd },
                RootFs = new RootFs { DiffIds = [diff.DiffId.ToString()] },
                History = [new HistoryEntry { Created = createdText, CreatedBy = createdBy }],
            };
            var layer = new LayerSource(() => File.OpenRead(tar), MediaTypes.OciLayer, diff.DiffId);
            return store.Import(new ImportRequest(ModelJson.Serialize(config), [layer]) { Tags = [tag] });
        }
        finally
        {
            // debootstrap leaves root-owned files and device nodes; remove without following links.
            Cais.Linux.TreeRemoval.Remove(work);
        }
    }
}
