using Cais.Images.Model;
using Cais.Images.Service;
using Cais.TestSupport;

namespace Cais.Images.Tests.Service;

/// <summary>The image store on a real data root (layers are unpacked, so as root).</summary>
public class ImageStoreTests : IDisposable
{
    readonly TempDir dir = new();
    readonly ImageStore store;
    static readonly byte[] Base = TestImages.Layer(("etc/base", "base"));
    static readonly byte[] TopA = TestImages.Layer(("a.txt", "a"));
    static readonly byte[] TopB = TestImages.Layer(("b.txt", "b"));

    public ImageStoreTests() => store = new ImageStore(dir.Path);

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    Digest Add(string created, byte[][] layers, params string[] tags) => store.Import(TestImages.Request(layers, created, tags)).Id;

    [RootFact]
    public void Import_TwoImagesSharingABase_UnpackTheBaseOnce()
    {
        Add("2026-01-01T00:00:00Z", [Base, TopA], "a:1");
        Add("2026-01-02T00:00:00Z", [Base, TopB], "b:1");
        Assert.Equal(3, store.Snapshots.Layers().Count());
        Assert.Equal(3, store.Metadata.AllLayers().Count);
        var layerDir = store.Snapshots.LayerDir(store.ConfigOf(store.Resolve("a:1")).Config.ComputeChainIds()[0]);
        Assert.Equal("base", File.ReadAllText(Path.Combine(layerDir, "etc", "base")));
    }

    [RootFact]
    public void Import_IdIsTheConfigDigest()
    {
        var request = TestImages.Request([Base], "2026-01-01T00:00:00Z", "x:1");
        Assert.Equal(Digest.Of(request.ConfigJson), store.Import(request).Id);
    }

    [RootFact]
    public void Import_DiffIdThatDoesNotMatch_IsRefusedAndRecordsNothing()
    {
        var config = TestImages.Config([TopA]);
        var request = new ImportRequest(config, [new LayerSource(() => new MemoryStream(TopB), MediaTypes.OciLayer)]);
        var e = Assert.Throws<InvalidImageException>(() => store.Import(request));
        Assert.Contains("diff id", e.Message);
        Assert.Empty(store.Metadata.Images());
        Assert.Empty(store.Snapshots.Layers());
        store.CollectGarbage();
        Assert.Empty(store.Content.List());
    }

    [RootFact]
    public void Resolve_ByTagIdPrefixAndImpliedLatest()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base], "busybox:latest");
        Assert.Equal(id, store.Resolve("busybox"));
        Assert.Equal(id, store.Resolve("docker.io/library/busybox:latest"));
        Assert.Equal(id, store.Resolve(id.ToString()));
        Assert.Equal(id, store.Resolve(id.Hex[..8]));
        Assert.Equal(id, store.Resolve("busybox@" + id));
        Assert.Throws<ImageNotFoundException>(() => store.Resolve("busybox:nope"));
        Assert.Throws<ImageNotFoundException>(() => store.Resolve("ffffffff"));
    }

    [RootFact]
    public void Remove_OneOfTwoNames_OnlyUntags()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base], "x:1", "x:2");
        Assert.Equal(["Untagged: x:1"], store.Remove("x:1", force: false, noPrune: false).Select(e => e.ToString()));
        Assert.NotNull(store.Metadata.FindImage(id.ToString()));
    }

    [RootFact]
    public void Remove_LastName_DeletesTheImageAndItsContent()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base, TopA], "x:1");
        var events = store.Remove("x:1", force: false, noPrune: false).Select(e => e.ToString()).ToList();
        Assert.Equal(["Untagged: x:1", $"Deleted: {id}"], events);
        Assert.Empty(store.Snapshots.Layers());
        Assert.Empty(store.Content.List());
    }

    [RootFact]
    public void Remove_KeepsLayersAnotherImageUses()
    {
        Add("2026-01-01T00:00:00Z", [Base, TopA], "a:1");
        Add("2026-01-02T00:00:00Z", [Base, TopB], "b:1");
        store.Remove("a:1", force: false, noPrune: false);
        Assert.Equal(2, store.Snapshots.Layers().Count());
        Assert.Equal("b", File.ReadAllText(Path.Combine(store.Snapshots.LayerDir(store.ConfigOf(store.Resolve("b:1")).Config.ComputeChainIds()[1]), "b.txt")));
    }

    [RootFact]
    public void Remove_ByIdWithNamesInTwoRepositories_NeedsForce()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base], "x:1", "y:1");
        var e = Assert.Throws<ImageConflictException>(() => store.Remove(id.Hex[..12], force: false, noPrune: false));
        Assert.Contains("must be forced", e.Message);
        Assert.Contains("multiple repositories", e.Message);
        var events = store.Remove(id.Hex[..12], force: true, noPrune: false).Select(x => x.ToString()).ToList();
        Assert.Equal(["Untagged: x:1", "Untagged: y:1", $"Deleted: {id}"], events);
    }

    [RootFact]
    public void Remove_ByIdWithNamesInOneRepository_RemovesThemAll()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base], "x:1", "x:2");
        Assert.Equal(3, store.Remove(id.ToString(), force: false, noPrune: false).Count);
    }

    [RootFact]
    public void Remove_ImageAContainerUses_IsRefusedThenKeptWithForce()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base], "x:1");
        store.Metadata.Write(tx => { tx.AddUser(id.ToString(), "container:abc123"); return 0; });
        var e = Assert.Throws<ImageConflictException>(() => store.Remove("x:1", force: false, noPrune: false));
        Assert.Contains("container abc123 is using its referenced image", e.Message);
        Assert.Equal(["Untagged: x:1"], store.Remove("x:1", force: true, noPrune: false).Select(x => x.ToString()));
        Assert.NotNull(store.Metadata.FindImage(id.ToString()));
        Assert.Single(store.Snapshots.Layers());
    }

    [RootFact]
    public void Remove_ImageWithChildren_CannotBeForced()
    {
        var parent = Add("2026-01-01T00:00:00Z", [Base], "p:1");
        store.Import(TestImages.Request([Base, TopA], "2026-01-02T00:00:00Z", "c:1") with { Parent = parent });
        // By its last name: untagged quietly, kept for its child (moby ignores the conflict then).
        Assert.Equal(["Untagged: p:1"], store.Remove("p:1", force: false, noPrune: false).Select(e => e.ToString()));
        Assert.NotNull(store.Metadata.FindImage(parent.ToString()));
        // By id: a hard conflict, force or not.
        var e = Assert.Throws<ImageConflictException>(() => store.Remove(parent.ToString(), force: true, noPrune: false));
        Assert.Contains("image has dependent child images", e.Message);
        // Removing the child deletes the untagged parent too (prune), unless --no-prune.
        var events = store.Remove("c:1", force: false, noPrune: false).Select(x => x.ToString()).ToList();
        Assert.Contains($"Deleted: {parent}", events);
        Assert.Empty(store.Metadata.Images());
    }

    [RootFact]
    public void Prune_DanglingOnlyThenAll()
    {
        Add("2026-01-01T00:00:00Z", [Base, TopA], "x:1");
        Add("2026-01-02T00:00:00Z", [Base, TopB], "x:1"); // takes the name: the first is now dangling
        var dangling = store.Prune(all: false);
        Assert.Single(dangling.Events, e => e.Kind == "deleted");
        Assert.True(dangling.ReclaimedBytes > 0);
        Assert.Single(store.Metadata.Images());
        Assert.Equal(2, store.Snapshots.Layers().Count());
        var all = store.Prune(all: true);
        Assert.Contains(all.Events, e => e.ToString() == "untagged: x:1");
        Assert.Empty(store.Metadata.Images());
        Assert.Empty(store.Snapshots.Layers());
        Assert.Empty(store.Content.List());
    }

    [RootFact]
    public void CollectGarbage_WhileAnotherWriterHoldsALease_LeavesContent()
    {
        Add("2026-01-01T00:00:00Z", [Base], "x:1");
        store.Metadata.Write(tx => tx.RemoveImage(store.Resolve("x:1").ToString()));
        using (store.LeaseContent())
        using (var other = new ImageStore(dir.Path))
            Assert.Equal(0, other.CollectGarbage());
        Assert.NotEmpty(store.Content.List());
        Assert.True(store.CollectGarbage() > 0);
        Assert.Empty(store.Content.List());
    }

    [RootFact]
    public void List_RowsPerNameNewestFirst_AndFilters()
    {
        Add("2026-01-01T00:00:00Z", [Base], "old:1", "other/old:1");
        Add("2026-02-01T00:00:00Z", [Base, TopA], "new:1");
        var rows = store.List(all: false);
        Assert.Equal(["new", "old", "other/old"], rows.Select(r => r.Repository));
        Assert.Equal(["new"], store.List(false, new ImageFilter(References: ["ne*"])).Select(r => r.Repository));
        Assert.Equal(["other/old"], store.List(false, new ImageFilter(References: ["other/*"])).Select(r => r.Repository));
        Assert.Empty(store.List(false, new ImageFilter(Dangling: true)));
    }

    [RootFact]
    public void History_NewestFirstWithLayerSizes()
    {
        var id = Add("2026-01-01T00:00:00Z", [Base, TopA], "x:1");
        var rows = store.History(id);
        Assert.Equal(["layer 1", "layer 0"], rows.Select(r => r.CreatedBy));
        Assert.Equal(id.ToString(), rows[0].Id);
        Assert.Equal("<missing>", rows[1].Id);
        Assert.Equal(1, rows[0].Size);
    }
}
