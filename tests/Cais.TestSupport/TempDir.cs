namespace Cais.TestSupport;

/// <summary>A fresh directory that is removed, as far as it safely can be, on dispose.</summary>
/// <remarks>
/// Removal never crosses a mount point (see <see cref="TreeDeleter"/>): a test that left a
/// mount behind leaves that part of the tree, not the host files under it.
/// </remarks>
public sealed class TempDir : IDisposable
{
    /// <summary>A new directory under the system temp folder (usually /tmp).</summary>
    public TempDir(string prefix = "cais-test-")
        : this(Directory.CreateTempSubdirectory(prefix))
    {
    }

    TempDir(DirectoryInfo dir) => Path = dir.FullName;

    /// <summary>A new directory under <paramref name="parent"/>, created (mode 1777) if missing.</summary>
    public static TempDir Under(string parent, string prefix = "")
    {
        TestPaths.EnsureSharedDir(parent);
        for (var attempt = 0; ; attempt++)
        {
            var path = System.IO.Path.Combine(parent, prefix + RandomName());
            if (Directory.Exists(path) || File.Exists(path))
                continue;
            try
            {
                return new TempDir(Directory.CreateDirectory(path));
            }
            catch (IOException) when (attempt < 10)
            {
            }
        }
    }

    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Twelve lowercase hex digits: unique enough for directories and container ids.</summary>
    public static string RandomName() => Guid.NewGuid().ToString("N")[..12];

    public override string ToString() => Path;

    public void Dispose()
    {
        TreeDeleter.TryDelete(Path);
    }
}
