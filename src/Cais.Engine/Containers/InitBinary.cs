namespace Cais.Engine.Containers;

/// <summary>
/// The init that `--init` runs as a container's first process, as Docker's docker-init (tini):
/// it forwards signals to the command and reaps orphans. It is bind-mounted read-only at
/// <see cref="ContainerPath"/>, so it must be statically linked to run in any image.
/// </summary>
public static class InitBinary
{
    public const string ContainerPath = "/sbin/docker-init";

    static readonly string[] Names = ["docker-init", "tini-static"];

    /// <summary>The configured path, or the first of docker-init and tini-static on PATH.</summary>
    /// <exception cref="Errors.InvalidParameterException">No init binary exists.</exception>
    public static string Find(string? configured)
    {
        if (configured is not null)
            return File.Exists(configured) ? configured
                : throw new Errors.InvalidParameterException($"the init binary {configured} (init-path) does not exist");
        var path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var name in Names)
            foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        throw new Errors.InvalidParameterException(
            "--init needs a static init binary: none of docker-init or tini-static is on PATH (install Debian's tini package, or set init-path in daemon.json)");
    }
}
