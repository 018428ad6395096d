using Cais.Images.Snapshots;

namespace Cais.Images.Tests.Snapshots;

/// <summary>
/// Crash leftovers. A crash is simulated by abandoning a snapshotter mid-way (an undisposed
/// stage, a dangling short link, a directory renamed into staging for removal) and opening a
/// new instance over the same root, as a restarted daemon would.
/// </summary>
public sealed class SnapshotterStagingTests : IDisposable
{
    readonly SnapshotTestRoot _t = new();

    string Root => _t.Snapshotter.Root;

    string Staging => Path.Combine(Root, "staging");

    string Links => Path.Combine(Root, "l");

    public void Dispose() => _t.Dispose();

    [Fact]
    public void CrashBeforeCommit_StagedLayer_IsInvisibleAndCleaned()
    {
        var crashed = _t.Snapshotter.Stage();   // never committed, never disposed
        SnapshotTestRoot.Write(crashed.Dir, "half/written", "x");
        var chainId = SnapshotTestRoot.ChainId("half");
        // The commit had got as far as its short link (the step before the rename).
        File.CreateSymbolicLink(Path.Combine(Links, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), $"../layers/{chainId.Hex}/diff");

        var restarted = new Snapshotter(Root);
        Assert.False(restarted.HasLayer(chainId));
        Assert.Empty(restarted.Layers());

        restarted.CleanStaging();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Staging));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Links));
        Assert.False(restarted.HasLayer(chainId));
    }

    [Fact]
    public void CrashMidRemoval_RenamedAwayLayer_IsInvisibleAndCleanedWithItsLink()
    {
        var ids = _t.AddStack(2);
        // RemoveLayer's steps: rename into staging (done), delete the short link (not done).
        Directory.Move(Path.Combine(Root, "layers", ids[1].Hex), Path.Combine(Staging, "removing"));

        var restarted = new Snapshotter(Root);
        Assert.Equal([ids[0]], restarted.Layers());
        restarted.CleanStaging();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Staging));
        var link = File.ReadAllText(Path.Combine(Root, "layers", ids[0].Hex, "link"));
        Assert.Equal([Path.Combine(Links, link)], Directory.GetFileSystemEntries(Links));
    }

    [Fact]
    public void CleanStaging_CommittedLayersAndContainers_AreKept()
    {
        var ids = _t.AddStack(3);
        _t.Snapshotter.Prepare("c1", ids[2]);

        _t.Snapshotter.CleanStaging();

        Assert.Equal(3, _t.Snapshotter.Layers().Count());
        Assert.Equal(3, Directory.GetFileSystemEntries(Links).Length);
        Assert.Equal(["c1"], _t.Snapshotter.Containers());
        Assert.Equal(3, _t.Snapshotter.MountsOf("c1").LowerDirs.Count);
    }

    [Fact]
    public void CleanStaging_OwnStageInProgress_IsKeptAndStillCommits()
    {
        using var staged = _t.Snapshotter.Stage();
        SnapshotTestRoot.Write(staged.Dir, "f", "f");

        _t.Snapshotter.CleanStaging();

        Assert.True(File.Exists(Path.Combine(staged.Dir, "f")));
        var id = SnapshotTestRoot.ChainId("late");
        _t.Snapshotter.Commit(staged, id, null);
        Assert.Equal("f", SnapshotTestRoot.Read(_t.Snapshotter.LayerDir(id), "f"));
    }

    [Fact]
    public void CleanStaging_StrayFilesInStaging_AreRemoved()
    {
        File.WriteAllText(Path.Combine(Staging, "stray"), "x");
        Directory.CreateDirectory(Path.Combine(Staging, "dir", "deep"));

        _t.Snapshotter.CleanStaging();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Staging));
    }
}
