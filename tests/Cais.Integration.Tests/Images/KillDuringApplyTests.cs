using System.Security.Cryptography;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// The daemon SIGKILLed part way through a `cais load` (while the archive is extracted, its
/// layer ingested, or the layer unpacked): after it starts again no half layer and no image may
/// show, and the next load of the same archive must succeed and leave no scratch behind, whatever
/// the killed one left. The scratch of a load that is alive, though, is not for another request
/// to clear.
/// </summary>
[Collection("containers")]
public sealed class KillDuringApplyTests(BigImageArchive big) : IClassFixture<BigImageArchive>, IDisposable
{
    static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(5);

    readonly ImageHarness h = new();
    readonly TempDir files = new("cais-kill-");

    public void Dispose()
    {
        h.Dispose();
        files.Dispose();
    }

    [RootTheory]
    [InlineData("50 ms")]
    [InlineData("200 ms")]
    [InlineData("500 ms")]
    [InlineData("ingesting")]
    [InlineData("unpacking")]
    public void Load_DaemonKilledPartWay_NothingHalfVisible_ThenALoadSucceedsAndCleansUp(string moment)
    {
        var archive = big.Archive; // made before the clock starts

        string killedAt;
        using (var load = new BackgroundLoad(h, archive))
        {
            load.WaitUntil(moment);
            killedAt = $"{moment} ({load.ElapsedMilliseconds} ms in; scratch then: {Scratch()})";
            h.Daemon.KillDaemon();
            Assert.True(load.WaitForExit(LoadTimeout) != 0, $"the load whose daemon was killed at {killedAt} succeeded\n{load.Output}");
        }
        h.Daemon.StartDaemon();

        // No image, and no layer directory that no image explains: a layer appears in
        // overlay/layers only whole, by the rename that ends its unpacking.
        Assert.True(h.ImageIds().Length == 0, $"killed at {killedAt}: images listed: {string.Join(", ", h.ImageIds())}");
        AssertEveryLayerBelongsToAListedImage($"killed at {killedAt}");

        var again = h.Cais(LoadTimeout, "load", "-i", archive);

        Assert.True(again.ExitCode == 0, $"the load after one killed at {killedAt} failed\n{again.Describe()}");
        Assert.Equal($"Loaded image: {BigImageArchive.Tag}\n", again.Stdout);
        AssertBigImageLoaded();
        AssertNoScratch($"killed at {killedAt}, then loaded again");
    }

    /// <summary>
    /// A writer starting while a load runs must leave that load's extracted archive, ingest
    /// file and staging directory alone (only a killed writer's scratch is cleared), and both
    /// must succeed.
    /// </summary>
    [RootTheory]
    [InlineData("ingesting")]
    [InlineData("unpacking")]
    public void Load_AnotherImportStartsMeanwhile_BothSucceed(string moment)
    {
        var archive = big.Archive;
        var small = files.Combine("small.tar");
        File.WriteAllBytes(small, TestArchives.LayerTar(("etc/small", "small\n")));

        // The import must still be running when the load ends for the two to overlap; on a busy
        // machine the load may win the race, so the pair is tried again (from an empty store).
        bool overlapped = false;
        for (int attempt = 1; attempt <= 5 && !overlapped; attempt++)
        {
            if (attempt > 1) Assert.Equal(0, h.Cais(LoadTimeout, "rmi", "big:1", "small:1").ExitCode);
            using var load = new BackgroundLoad(h, archive);
            load.WaitUntil(moment);
            var import = h.Cais(LoadTimeout, "import", small, "small:1");
            overlapped = !load.HasExited;
            var status = load.WaitForExit(LoadTimeout);

            Assert.True(import.ExitCode == 0, $"import during the load's {moment}: {import.Describe()}");
            Assert.True(status == 0, $"the load, with an import started during its {moment}, exited {status}\n{load.Output}");
        }
        Assert.True(overlapped, "in five tries the load always ended before the import did: the two never overlapped");
        Assert.Equal(["big:1", "small:1"], BootstrapTests.Strings(h.Inspect(big.Id).GetProperty("RepoTags"))
            .Concat(BootstrapTests.Strings(h.Inspect("small:1").GetProperty("RepoTags"))).Order(StringComparer.Ordinal));
        AssertNoScratch("after a load and an import side by side");
    }

    /// <summary>big:1 is the archive's image, its one layer unpacked whole.</summary>
    void AssertBigImageLoaded()
    {
        Assert.Equal(big.Id, h.IdOf(BigImageArchive.Tag));
        AssertEveryLayerBelongsToAListedImage("after the second load");
        var diff = Path.Combine(Assert.Single(h.LayerDirs()), "diff");
        Assert.Equal(BigImageArchive.FileCount, Directory.GetFiles(Path.Combine(diff, "data")).Length);
        var last = File.ReadAllBytes(Path.Combine(diff, BigImageArchive.LastFile));
        Assert.Equal(big.LastFileSha256, Convert.ToHexStringLower(SHA256.HashData(last)));
    }

    void AssertNoScratch(string when)
    {
        foreach (var (what, parts) in new (string, string[])[]
                 {
                     ("staging entries", ["overlay", "staging"]), ("ingest files", ["content", "ingest"]), ("scratch files", ["tmp"]),
                 })
        {
            var left = h.Entries(parts);
            Assert.True(left.Length == 0, $"{when}: {what} left in {h.PathIn(parts)}: {string.Join(", ", left.Select(Path.GetFileName))}");
        }
    }

    /// <summary>What the scratch directories hold, for messages.</summary>
    string Scratch() =>
        $"tmp {h.Entries("tmp").Length}, ingest {h.Entries("content", "ingest").Length}, staging {h.Entries("overlay", "staging").Length}, "
        + $"blobs {h.Blobs().Length}, layers {h.LayerDirs().Length}";

    /// <summary>Asserts each directory under overlay/layers is the chain id of a layer of an image `images` lists.</summary>
    void AssertEveryLayerBelongsToAListedImage(string when)
    {
        var used = new HashSet<string>();
        foreach (var id in h.ImageIds())
        {
            string? chain = null;
            foreach (var diffId in BootstrapTests.Strings(h.Inspect(id).GetProperty("RootFS").GetProperty("Layers")))
            {
                chain = chain is null ? diffId : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chain + " " + diffId)));
                used.Add(TestArchives.Hex(chain));
            }
        }
        var strays = h.LayerDirs().Select(d => Path.GetFileName(d)!).Where(name => !used.Contains(name)).ToList();
        Assert.True(strays.Count == 0, $"{when}: layer directories no listed image uses: {string.Join(", ", strays)}");
    }
}
