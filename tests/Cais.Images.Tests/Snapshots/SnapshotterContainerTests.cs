using Cais.Images.Snapshots;

namespace Cais.Images.Tests.Snapshots;

/// <summary>Container snapshots on disk and their mount descriptions. No mounts.</summary>
public sealed class SnapshotterContainerTests : IDisposable
{
    readonly SnapshotTestRoot _t = new();

    Snapshotter S => _t.Snapshotter;

    string Root => S.Root;

    public void Dispose() => _t.Dispose();

    string Link(Digest id) => File.ReadAllText(Path.Combine(Root, "layers", id.Hex, "link"));

    [Fact]
    public void Prepare_OnThreeLayers_DescribesOverlayWithShortLinksTopFirst()
    {
        var ids = _t.AddStack(3);

        var m = S.Prepare("c1", ids[2]);

        var dir = Path.Combine(Root, "containers", "c1");
        Assert.Equal("overlay", m.Type);
        Assert.True(m.IsOverlay);
        Assert.Equal("overlay", m.Source);
        Assert.Equal(ids.AsEnumerable().Reverse().Select(id => Path.Combine(Root, "l", Link(id))), m.LowerDirs);
        Assert.Equal(Path.Combine(dir, "upper"), m.UpperDir);
        Assert.Equal(Path.Combine(dir, "work"), m.WorkDir);
        Assert.Equal(Snapshotter.OverlayOptions, m.Options);
        Assert.Contains("index=off", m.Options);
        Assert.All(m.Options, o => Assert.DoesNotContain("dir=/", o));
        foreach (var d in new[] { "upper", "work", "merged" })
            Assert.True(Directory.Exists(Path.Combine(dir, d)), d);
        Assert.Equal(Path.Combine(dir, "upper"), S.UpperDir("c1"));
        Assert.Equal(Path.Combine(dir, "merged"), S.MergedDir("c1"));
    }

    [Fact]
    public void Prepare_OnLayer_WritesParentAndLowerFiles()
    {
        var ids = _t.AddStack(2);
        S.Prepare("c1", ids[1]);

        var dir = Path.Combine(Root, "containers", "c1");
        Assert.Equal(ids[1].ToString(), File.ReadAllText(Path.Combine(dir, "parent")));
        Assert.Equal($"l/{Link(ids[1])}:l/{Link(ids[0])}", File.ReadAllText(Path.Combine(dir, "lower")));
    }

    [Fact]
    public void Prepare_EmptyRoot_DescribesBindOfUpper()
    {
        var m = S.Prepare("scratch", null);

        Assert.Equal("bind", m.Type);
        Assert.Equal(S.UpperDir("scratch"), m.Source);
        Assert.Empty(m.LowerDirs);
        Assert.Null(m.WorkDir);
        Assert.Equal(["rbind", "rw"], m.Options);
        Assert.Equal("", File.ReadAllText(Path.Combine(Root, "containers", "scratch", "parent")));
    }

    [Fact]
    public void MountsOf_ExistingKey_EqualsWhatPrepareReturned()
    {
        var ids = _t.AddStack(2);
        var prepared = S.Prepare("c1", ids[1]);

        var again = new Snapshotter(Root).MountsOf("c1");

        Assert.Equal(prepared.LowerDirs, again.LowerDirs);
        Assert.Equal((prepared.Type, prepared.UpperDir, prepared.WorkDir), (again.Type, again.UpperDir, again.WorkDir));
    }

    [Fact]
    public void Prepare_KeyTaken_ThrowsExists()
    {
        S.Prepare("c1", null);
        Assert.Throws<SnapshotExistsException>(() => S.Prepare("c1", null));
    }

    [Fact]
    public void Prepare_UnknownLayer_ThrowsNotFoundAndCreatesNothing()
    {
        Assert.Throws<SnapshotNotFoundException>(() => S.Prepare("c1", SnapshotTestRoot.ChainId("nope")));
        Assert.Empty(S.Containers());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("..")]
    public void Prepare_BadKey_ThrowsArgument(string key) =>
        Assert.Throws<ArgumentException>(() => S.Prepare(key, null));

    [Fact]
    public void Remove_Unmounted_RemovesDirectories()
    {
        var ids = _t.AddStack(1);
        S.Prepare("c1", ids[0]);
        File.WriteAllText(Path.Combine(S.UpperDir("c1"), "written"), "x");

        S.Remove("c1");

        Assert.Empty(S.Containers());
        Assert.False(Directory.Exists(Path.Combine(Root, "containers", "c1")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
        Assert.True(S.HasLayer(ids[0]));
    }

    [Fact]
    public void UnknownKey_Lookups_ThrowNotFound()
    {
        Assert.Throws<SnapshotNotFoundException>(() => S.MountsOf("nope"));
        Assert.Throws<SnapshotNotFoundException>(() => S.UpperDir("nope"));
        Assert.Throws<SnapshotNotFoundException>(() => S.Remove("nope"));
    }

    [Fact]
    public void Containers_Several_ListsKeysInOrder()
    {
        S.Prepare("b", null);
        S.Prepare("a", null);
        Assert.Equal(["a", "b"], S.Containers());
    }
}
