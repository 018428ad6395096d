namespace Cais.TestSupport;

/// <summary>The published <c>cais</c> executable, for tests that run it as a user would.</summary>
public static class CaisBinary
{
    /// <summary>Overrides where the executable is looked for.</summary>
    public const string EnvironmentVariable = "CAIS_BIN";

    /// <summary>
    /// <c>$CAIS_BIN</c> when set, else <c>&lt;repo&gt;/artifacts/bin/cais</c>. Throws, saying how to
    /// publish it, when the file is not there.
    /// </summary>
    public static string Path
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var path = string.IsNullOrEmpty(fromEnvironment)
                ? System.IO.Path.Combine(TestPaths.RepoRoot, "artifacts", "bin", "cais")
                : fromEnvironment;
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"the cais executable is not at {path}: run `scripts/build.sh` "
                    + $"in the repository root (or set {EnvironmentVariable} to the executable)", path);
            return path;
        }
    }

    /// <summary>Runs cais with <paramref name="args"/>, empty stdin and the default 60 s timeout.</summary>
    public static ProcessResult Run(params string[] args) => ProcessRunner.Run(Path, args);

    /// <summary>Runs cais with <paramref name="stdin"/> as its input; killed after <paramref name="timeout"/> (60 s).</summary>
    public static ProcessResult Run(IReadOnlyList<string> args, string? stdin, TimeSpan? timeout = null) =>
        ProcessRunner.Run(Path, args, stdin, timeout);
}
