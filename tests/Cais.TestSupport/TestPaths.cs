namespace Cais.TestSupport;

/// <summary>Where test fixtures live on the machine and in the repository.</summary>
public static class TestPaths
{
    /// <summary>
    /// The machine-wide scratch root, /var/tmp/cais-test: on disk (not tmpfs, so overlay and
    /// xattrs behave as in production) and kept across reboots, so cached templates survive.
    /// </summary>
    public const string Root = "/var/tmp/cais-test";

    /// <summary>Where <c>TestBundle</c> makes its bundle directories.</summary>
    public static string Bundles => Path.Combine(Root, "bundles");

    /// <summary>The repository checkout: the nearest folder above the test binaries holding cais.slnx.</summary>
    public static string RepoRoot => s_repoRoot.Value;

    static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>
    /// Creates <paramref name="dir"/> (and its parents) if missing. A directory this call
    /// creates gets mode 1777, as /tmp has, so root and non-root test runs can share it.
    /// </summary>
    public static string EnsureSharedDir(string dir)
    {
        if (Directory.Exists(dir))
            return dir;
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dir));
        if (parent is not null)
            EnsureSharedDir(parent);
        Directory.CreateDirectory(dir);
        try
        {
            FileModes.Set(dir, FileModes.Mode1777);
        }
        catch (UnauthorizedAccessException)
        {
            // Created concurrently by another user; it is theirs to set.
        }
        return dir;
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cais.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            $"no cais.slnx in {AppContext.BaseDirectory} or any folder above it: run the tests from a cais checkout");
    }
}
