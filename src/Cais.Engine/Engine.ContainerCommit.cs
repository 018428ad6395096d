using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Images;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;
using ApiConfig = Cais.Api.Models.Containers.ContainerConfig;

namespace Cais.Engine;

/// <summary>What <c>POST /commit</c> asks for (moby backend.CreateImageConfig).</summary>
public sealed record CommitOptions
{
    /// <summary>The name to give the image (repo and tag); none leaves it untagged.</summary>
    public ImageReference? Tag { get; init; }
    public string? Comment { get; init; }
    public string? Author { get; init; }
    /// <summary>Freeze a running container while its layer is read (Docker's default).</summary>
    public bool Pause { get; init; } = true;
    /// <summary>Dockerfile instructions (<c>-c 'CMD ["x"]'</c>) applied to the config.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
    /// <summary>The config sent with the request; the container's own when null.</summary>
    public ApiConfig? Config { get; init; }
}

// docker commit: the container's read-write layer (its overlay upper directory, whiteouts
// turned into OCI ones) becomes a new layer on top of the container's image.
public sealed partial class Engine
{
    /// <summary>
    /// Makes an image of the container's changes and returns its id. The history gains one
    /// entry (created by the container's command, with the comment and author); an unchanged
    /// container gives an empty-layer entry and no new layer, as Docker's does.
    /// </summary>
    public async Task<Digest> CommitContainer(string idOrName, CommitOptions options, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (c.Record.State.Status == "removing")
            throw new ConflictException($"You cannot commit container {c.Id} which is being removed");
        if (c.Record.State.Status == "dead")
            throw new ConflictException($"You cannot commit container {c.Id} which is Dead");
        var config = CommitConfig.Build(options.Config, options.Changes, c.Record.Config); // FormatException: a 400
        var parentId = Digest.Parse(c.Record.ImageId);
        bool paused = options.Pause && await PauseForCommit(c, cancel);
        Digest id;
        try
        {
            // Reading the layer and storing the image block: a thread of their own.
            id = await Task.Factory.StartNew(() => Images.WithContentLease(() => StoreCommit(c, parentId, config, options)),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            if (paused) await UnpauseAfterCommit(c);
        }
        var idText = id.ToString();
        if (options.Tag is { } tag) Events.Image("tag", idText, tag.FamiliarString());
        Events.Container("commit", c, new Dictionary<string, string>
        {
            ["comment"] = options.Comment ?? "",
            ["imageID"] = idText,
            ["imageRef"] = options.Tag?.FamiliarString() ?? "",
        });
        return id;
    }

    /// <summary>
    /// Freezes a running container while its layer is read, so what is committed is one moment
    /// of it (one the user paused stays paused and is not thawed after). As Docker, a container
    /// that cannot be frozen (it exited meanwhile, or no freezer) is committed as it is.
    /// </summary>
    async Task<bool> PauseForCommit(Container c, CancellationToken cancel)
    {
        if (c.Record.State.Status != "running") return false;
        try
        {
            await PauseContainer(c.Id, cancel);
            return true;
        }
        catch (Exception e) when (e is ConflictException or PauseFailedException)
        {
            Console.Error.WriteLine($"cais daemon: commit of {c.Record.Name}: not paused: {e.Message}");
            return false;
        }
    }

    async Task UnpauseAfterCommit(Container c)
    {
        try { await UnpauseContainer(c.Id); }
        catch (Exception e) when (e is ConflictException or NotFoundException or PauseFailedException)
        {
            // Exited or removed meanwhile: nothing is frozen any more.
            Console.Error.WriteLine($"cais daemon: commit of {c.Record.Name}: unpause: {e.Message}");
        }
    }

    /// <summary>
    /// The files every container gets bind-mounted (see <see cref="SpecBuilder"/>): when the image
    /// lacks them the runtime creates empty mount points in the upper directory, which are not
    /// the container's changes (Docker keeps them in an init layer below the read-write one).
    /// </summary>
    static readonly IReadOnlySet<string> BindMountPoints = new HashSet<string>(StringComparer.Ordinal) { "etc/hostname", "etc/hosts", "etc/resolv.conf" };

    Digest StoreCommit(Container c, Digest parentId, ContainerConfig config, CommitOptions options)
    {
        var parent = Images.ConfigOf(parentId).Config;
        // The layer is spooled first: the image config names its diff id before the store takes it.
        var spool = Path.Combine(Images.TempDir, "commit-" + Guid.NewGuid().ToString("N"));
        try
        {
            DiffResult diff;
            using (var file = File.Create(spool))
                diff = LayerDiffer.Diff(Images.Snapshots.UpperDir(c.Id), file, new DiffOptions { Exclude = BindMountPoints });
            bool empty = diff.EntryCount == 0;
            var created = Rfc3339.Format(DateTimeOffset.UtcNow);
            var entry = new HistoryEntry
            {
                Created = created,
                CreatedBy = string.Join(' ', c.Record.Config.Cmd ?? []),
                Author = NullIfEmpty(options.Author ?? ""),
                Comment = NullIfEmpty(options.Comment ?? ""),
                EmptyLayer = empty ? true : null,
            };
            var image = new ImageConfig
            {
                Created = created,
                Author = NullIfEmpty(options.Author ?? ""),
                Architecture = parent.Architecture, Os = parent.Os, OsVersion = parent.OsVersion,
                OsFeatures = parent.OsFeatures, Variant = parent.Variant,
                Config = config,
                RootFs = new RootFs { DiffIds = empty ? parent.RootFs.DiffIds : [.. parent.RootFs.DiffIds, diff.DiffId.ToString()] },
                History = [.. parent.History ?? [], entry],
            };
            // The parent's layers are in the store already (the import finds them by digest).
            var layers = Images.Metadata.LayersOf(parentId.ToString())
                .Select(l => new LayerSource(() => Images.Content.OpenRead(Digest.Parse(l.Blob)), l.MediaType, Digest.Parse(l.Blob), l.BlobSize))
                .ToList();
            if (!empty) layers.Add(new LayerSource(() => File.OpenRead(spool), MediaTypes.OciLayer, diff.BlobDigest, diff.BlobSize));
            var request = new ImportRequest(ModelJson.Serialize(image), layers)
            {
                Tags = options.Tag is { } tag ? [tag] : [],
                Parent = parentId,
            };
            return Images.Import(request).Id;
        }
        finally
        {
            File.Delete(spool);
        }
    }
}
