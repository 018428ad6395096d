using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

/// <summary>
/// A scratch area on disk (not tmpfs, so xattrs behave as in production) with a target
/// directory "root" and, next to it, a "sentinel" directory holding one canary file: a layer
/// that escapes its target lands there or beside it, which <see cref="AssertNothingEscaped"/> checks.
/// </summary>
internal sealed class LayerTestDirs : IDisposable
{
    readonly TempDir _temp = TempDir.Under(Path.Combine(TestPaths.Root, "layers"));

    public LayerTestDirs()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Sentinel);
        File.WriteAllText(Path.Combine(Sentinel, "canary"), "canary");
    }

    public string Base => _temp.Path;
    public string Root => Path.Combine(_temp.Path, "root");
    public string Sentinel => Path.Combine(_temp.Path, "sentinel");

    /// <summary>A further directory beside root (created).</summary>
    public string Dir(string name)
    {
        var path = Path.Combine(_temp.Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void AssertNothingEscaped(params string[] alsoExpected)
    {
        Assert.Equal(new[] { "canary" }, Directory.EnumerateFileSystemEntries(Sentinel).Select(p => Path.GetFileName(p)).ToArray());
        Assert.Equal("canary", File.ReadAllText(Path.Combine(Sentinel, "canary")));
        Assert.Equal(1, TreeSnapshot.Stat(Path.Combine(Sentinel, "canary")).LinkCount);
        var beside = Directory.EnumerateFileSystemEntries(Base).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "root", "sentinel" }.Concat(alsoExpected).Order(StringComparer.Ordinal).ToArray(), beside);
    }

    public void Dispose() => _temp.Dispose();
}
