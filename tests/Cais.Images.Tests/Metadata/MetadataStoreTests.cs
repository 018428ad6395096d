using Cais.Images.Metadata;
using Cais.TestSupport;

namespace Cais.Images.Tests.Metadata;

public class MetadataStoreTests : IDisposable
{
    readonly TempDir dir = new();
    readonly MetadataStore store;

    public MetadataStoreTests() => store = new MetadataStore(Path.Combine(dir.Path, "metadata.db"));

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    static string Id(char c) => "sha256:" + new string(c, 64);

    static readonly DateTime When = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    void AddImage(string id, params string[] chains)
    {
        var layers = chains.Select((c, i) => new ImageLayerRecord(i, c, "diff-" + c, "blob-" + c, "application/vnd.oci.image.layer.v1.tar", 10)).ToList();
        store.Write(tx =>
        {
            foreach (var c in chains) tx.AddLayer(new LayerRecord(c, "diff-" + c, null, 100));
            return tx.AddImage(new ImageRecord(id, "manifest-" + id, "2026-01-01T00:00:00Z", 100 * chains.Length, chains.LastOrDefault(), null, When), layers);
        });
    }

    [Fact]
    public void AddImage_ThenFind_RoundTrips()
    {
        AddImage(Id('a'), "c1", "c2");
        var image = store.FindImage(Id('a'))!;
        Assert.Equal(("manifest-" + Id('a'), 200L, "c2", When), (image.Manifest, image.Size, image.TopChain, image.Added));
        Assert.Equal(["c1", "c2"], store.LayersOf(Id('a')).Select(l => l.ChainId));
        Assert.Equal([Id('a')], store.ImageIdsWithPrefix("aaaa"));
        Assert.Empty(store.ImageIdsWithPrefix("bbbb"));
    }

    [Fact]
    public void AddImage_Twice_KeepsTheFirst()
    {
        AddImage(Id('a'), "c1");
        Assert.False(store.Write(tx => tx.AddImage(new ImageRecord(Id('a'), null, null, 0, null, null, When), [])));
        Assert.Single(store.LayersOf(Id('a')));
    }

    [Fact]
    public void SetTag_MovingAName_ReportsThePreviousImage()
    {
        AddImage(Id('a'));
        AddImage(Id('b'));
        Assert.Null(store.Write(tx => tx.SetTag("docker.io/library/x:latest", Id('a'), When)));
        Assert.Equal(Id('a'), store.Write(tx => tx.SetTag("docker.io/library/x:latest", Id('b'), When)));
        Assert.Equal(Id('b'), store.ResolveTag("docker.io/library/x:latest"));
        Assert.Empty(store.TagsOf(Id('a')));
    }

    [Fact]
    public void RemoveImage_TakesItsTagsDigestsAndLayerListWithIt()
    {
        AddImage(Id('a'), "c1");
        store.Write(tx =>
        {
            tx.SetTag("docker.io/library/x:1", Id('a'), When);
            tx.AddRepoDigest("docker.io/library/x@sha256:" + new string('f', 64), Id('a'));
            tx.AddUser(Id('a'), "container:1");
            return tx.RemoveImage(Id('a'));
        });
        Assert.Null(store.FindImage(Id('a')));
        Assert.Null(store.ResolveTag("docker.io/library/x:1"));
        Assert.Empty(store.RepoDigestsOf(Id('a')));
        Assert.Empty(store.LayersOf(Id('a')));
        Assert.Equal(["c1"], store.UnreferencedLayers());
    }

    [Fact]
    public void Write_ThatThrows_ChangesNothing()
    {
        Assert.Throws<InvalidOperationException>(() => store.Write<int>(tx =>
        {
            tx.AddLayer(new LayerRecord("c9", "d9", null, 1));
            throw new InvalidOperationException("boom");
        }));
        Assert.Null(store.FindLayer("c9"));
    }

    [Fact]
    public void UnreferencedLayers_AreThoseNoImageStacks()
    {
        AddImage(Id('a'), "base", "top-a");
        AddImage(Id('b'), "base", "top-b");
        store.Write(tx => tx.RemoveImage(Id('a')));
        Assert.Equal(["top-a"], store.UnreferencedLayers());
    }

    [Fact]
    public void ReferencedBlobs_CoverConfigsManifestsAndLayerBlobs()
    {
        AddImage(Id('a'), "c1");
        var blobs = store.ReferencedBlobs();
        Assert.Contains(Id('a'), blobs);
        Assert.Contains("manifest-" + Id('a'), blobs);
        Assert.Contains("blob-c1", blobs);
    }

    [Fact]
    public void OneStore_ManyThreadsWritingAndReading_AllSucceed()
    {
        // The daemon's threads share one store: `docker rm -f a b` removes two containers at once.
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var id = $"c{i:D4}";
            store.Write(tx => { tx.PutContainer(id, "/n" + id, null, "{}"); return 0; });
            Assert.Contains(store.ContainerDocuments(), c => c.Id == id);
            store.Write(tx => tx.RemoveContainer(id));
        });
        Assert.Empty(store.ContainerDocuments());
    }

    [Fact]
    public void TwoStoresOnOneFile_SeeEachOthersWrites()
    {
        using var other = new MetadataStore(Path.Combine(dir.Path, "metadata.db"));
        AddImage(Id('a'));
        Assert.NotNull(other.FindImage(Id('a')));
        Parallel.For(0, 20, i =>
        {
            var s = i % 2 == 0 ? store : other;
            lock (s) s.Write(tx => tx.SetTag($"docker.io/library/t:{i}", Id('a'), When));
        });
        Assert.Equal(20, store.TagsOf(Id('a')).Count);
    }

    [Fact]
    public void Open_NewerSchema_IsRefused()
    {
        var path = Path.Combine(dir.Path, "future.db");
        using (var s = new MetadataStore(path)) { }
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version=99";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => new MetadataStore(path));
        Assert.Contains("version 99", e.Message);
    }
}
