using Cais.Images.Snapshots;

namespace Cais.Images.Tests.Snapshots;

/// <summary>Layers on disk: layout, commit, removal. Directories only, no mounts.</summary>
public sealed class SnapshotterLayerTests : IDisposable
{
    readonly SnapshotTestRoot _t = new();

    Snapshotter S => _t.Snapshotter;

    string Root => S.Root;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Constructor_NewRoot_CreatesTheFourDirectories()
    {
        foreach (var d in new[] { "l", "layers", "containers", "staging" })
            Assert.True(Directory.Exists(Path.Combine(Root, d)), d);
    }

    [Fact]
    public void Commit_BaseLayer_WritesDiffLinkAndShortLinkButNoLower()
    {
        var id = _t.AddLayer("base", null, d => SnapshotTestRoot.Write(d, "etc/hostname", "base"));

        var layer = Path.Combine(Root, "layers", id.Hex);
        Assert.Equal(Path.Combine(layer, "diff"), S.LayerDir(id));
        Assert.Equal("base", SnapshotTestRoot.Read(S.LayerDir(id), "etc/hostname"));
        var link = File.ReadAllText(Path.Combine(layer, "link"));
        Assert.Matches("^[A-Z0-9]{26}$", link);
        Assert.False(File.Exists(Path.Combine(layer, "lower")));
        var shortLink = new FileInfo(Path.Combine(Root, "l", link));
        Assert.Equal($"../layers/{id.Hex}/diff", shortLink.LinkTarget);
        Assert.True(Directory.Exists(shortLink.FullName));
    }

    [Fact]
    public void Commit_ThreeLayers_LowerFilesListShortNamesTopFirst()
    {
        var ids = _t.AddStack(3);
        string Link(Digest id) => File.ReadAllText(Path.Combine(Root, "layers", id.Hex, "link"));
        string? Lower(Digest id) => File.Exists(Path.Combine(Root, "layers", id.Hex, "lower"))
            ? File.ReadAllText(Path.Combine(Root, "layers", id.Hex, "lower")) : null;

        Assert.Null(Lower(ids[0]));
        Assert.Equal($"l/{Link(ids[0])}", Lower(ids[1]));
        Assert.Equal($"l/{Link(ids[1])}:l/{Link(ids[0])}", Lower(ids[2]));
    }

    [Fact]
    public void Stage_Uncommitted_IsInvisibleAndDisposeRemovesIt()
    {
        var staged = S.Stage();
        SnapshotTestRoot.Write(staged.Dir, "x", "x");
        Assert.StartsWith(Path.Combine(Root, "staging") + "/", staged.Dir);
        Assert.Empty(S.Layers());

        staged.Dispose();

        Assert.False(Directory.Exists(staged.Dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public void Commit_MissingParent_ThrowsNotFoundAndLeavesNoLayerOrLink()
    {
        using (var staged = S.Stage())
        {
            var e = Assert.Throws<SnapshotNotFoundException>(() =>
                S.Commit(staged, SnapshotTestRoot.ChainId("child"), SnapshotTestRoot.ChainId("missing")));
            Assert.Contains("parent layer", e.Message);
        }
        Assert.Empty(S.Layers());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "l")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public void Commit_SameStagedTwice_Throws()
    {
        using var staged = S.Stage();
        S.Commit(staged, SnapshotTestRoot.ChainId("a"), null);
        Assert.Throws<InvalidOperationException>(() => S.Commit(staged, SnapshotTestRoot.ChainId("b"), null));
    }

    [Fact]
    public void Commit_LayerExists_DiscardsStagedCopyAndSucceeds()
    {
        var id = _t.AddLayer("a", null, d => SnapshotTestRoot.Write(d, "first", "1"));
        using var staged = S.Stage();
        SnapshotTestRoot.Write(staged.Dir, "second", "2");

        S.Commit(staged, id, null);

        Assert.True(File.Exists(Path.Combine(S.LayerDir(id), "first")));
        Assert.False(Directory.Exists(staged.Dir));
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "l")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Commit_ConcurrentSameChainId_BothSucceedOneLayerOnDisk(bool twoInstances)
    {
        // Two instances over one root stand for two processes: only the rename decides.
        var other = twoInstances ? new Snapshotter(_t.SnapshotterRoot) : S;
        const int rounds = 20;
        for (int i = 0; i < rounds; i++)
        {
            var id = SnapshotTestRoot.ChainId($"race{i}");
            using var barrier = new Barrier(2);
            void Unpack(Snapshotter s, string who)
            {
                using var staged = s.Stage();
                SnapshotTestRoot.Write(staged.Dir, "who", who);
                barrier.SignalAndWait();
                s.Commit(staged, id, null);
            }
            await Task.WhenAll(Task.Run(() => Unpack(S, "one")), Task.Run(() => Unpack(other, "two")));

            Assert.True(S.HasLayer(id));
            Assert.Contains(SnapshotTestRoot.Read(S.LayerDir(id), "who"), new[] { "one", "two" });
        }

        Assert.Equal(rounds, S.Layers().Count());
        var links = Directory.GetFileSystemEntries(Path.Combine(Root, "l"));
        Assert.Equal(rounds, links.Length);
        foreach (var id in S.Layers())
        {
            var link = File.ReadAllText(Path.Combine(Root, "layers", id.Hex, "link"));
            Assert.Equal($"../layers/{id.Hex}/diff", new FileInfo(Path.Combine(Root, "l", link)).LinkTarget);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public void Layers_Committed_ListsChainIds()
    {
        var ids = _t.AddStack(3);
        Assert.Equal(ids.OrderBy(d => d.Hex, StringComparer.Ordinal), S.Layers());
        Assert.All(ids, id => Assert.True(S.HasLayer(id)));
        Assert.False(S.HasLayer(SnapshotTestRoot.ChainId("nope")));
    }

    [Fact]
    public void RemoveLayer_LayerAbove_RefusesNamingIt()
    {
        var ids = _t.AddStack(2);
        var e = Assert.Throws<SnapshotInUseException>(() => S.RemoveLayer(ids[0]));
        Assert.Contains(ids[1].Hex, e.Message);
        Assert.True(S.HasLayer(ids[0]));
    }

    [Fact]
    public void RemoveLayer_UsedByContainer_RefusesForEveryLayerBelowIt()
    {
        var ids = _t.AddStack(3);
        S.Prepare("c1", ids[2]);
        Assert.Contains("container c1", Assert.Throws<SnapshotInUseException>(() => S.RemoveLayer(ids[2])).Message);
        Assert.Throws<SnapshotInUseException>(() => S.RemoveLayer(ids[0]));

        S.Remove("c1");
        S.RemoveLayer(ids[2]);
        Assert.False(S.HasLayer(ids[2]));
    }

    [Fact]
    public void RemoveLayer_TopDown_RemovesLayersAndShortLinks()
    {
        var ids = _t.AddStack(3);
        for (int i = 2; i >= 0; i--) S.RemoveLayer(ids[i]);

        Assert.Empty(S.Layers());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "l")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "layers")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public void RemoveLayer_Unknown_ThrowsNotFound() =>
        Assert.Throws<SnapshotNotFoundException>(() => S.RemoveLayer(SnapshotTestRoot.ChainId("nope")));

    [Fact]
    public void LayerDir_Unknown_ThrowsNotFound() =>
        Assert.Throws<SnapshotNotFoundException>(() => S.LayerDir(SnapshotTestRoot.ChainId("nope")));
}
