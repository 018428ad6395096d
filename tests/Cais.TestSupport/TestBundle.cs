using Cais.Runtime.Spec;

namespace Cais.TestSupport;

/// <summary>
/// An OCI bundle for one test: a private copy of the busybox root filesystem in
/// <c>rootfs/</c> and a config.json from <see cref="DefaultSpec.Create()"/> with
/// <c>process.terminal</c> off, under /var/tmp/cais-test/bundles/&lt;random&gt;.
/// </summary>
public sealed class TestBundle : IDisposable
{
    readonly TempDir _dir;

    TestBundle(TempDir dir, RuntimeSpec spec)
    {
        _dir = dir;
        Spec = spec;
        Id = "cais-test-" + System.IO.Path.GetFileName(dir.Path);
    }

    /// <summary>
    /// Makes the bundle; <paramref name="configure"/> edits the spec before config.json is
    /// written (set args, mounts, namespaces...).
    /// </summary>
    public static TestBundle Create(Action<RuntimeSpec>? configure = null)
    {
        var dir = TempDir.Under(TestPaths.Bundles);
        try
        {
            BusyboxRootfs.CopyTo(System.IO.Path.Combine(dir.Path, "rootfs"));
            var spec = DefaultSpec.Create();
            spec.Process!.Terminal = false;
            configure?.Invoke(spec);
            var bundle = new TestBundle(dir, spec);
            bundle.Save();
            return bundle;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>A container id unique to this bundle: "cais-test-&lt;12 hex digits&gt;".</summary>
    public string Id { get; }

    /// <summary>The bundle directory, holding config.json and rootfs/.</summary>
    public string Dir => _dir.Path;

    public string RootfsDir => System.IO.Path.Combine(Dir, "rootfs");

    public string ConfigPath => System.IO.Path.Combine(Dir, "config.json");

    /// <summary>The spec; after changing it, call <see cref="Save"/>.</summary>
    public RuntimeSpec Spec { get; }

    /// <summary>Writes <see cref="Spec"/> to config.json.</summary>
    public void Save() => File.WriteAllText(ConfigPath, SpecLoader.Serialize(Spec));

    /// <summary>
    /// Removes the bundle as far as is safe: nothing is unmounted, and a mount a failed test left
    /// inside is skipped (see <see cref="TreeDeleter"/>), never an error.
    /// </summary>
    public void Dispose() => _dir.Dispose();
}
