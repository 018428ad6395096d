using System.Globalization;
using System.Reflection;

namespace Cais.Api.Hosting;

/// <summary>What the daemon says it is: version, git commit, build time, API versions.</summary>
public static class ServerIdentity
{
    /// <summary>The highest API version served, and the one the Api-Version header advertises.</summary>
    public const string MaxApiVersion = "1.47";

    /// <summary>The oldest API version served (Docker 25 and later serve from 1.24 too).</summary>
    public const string MinApiVersion = "1.24";

    static readonly string Informational =
        typeof(ServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>"0.1.0": the informational version without its "+commit" suffix.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The short git commit the build came from ("" when the build had no git information).</summary>
    public static string GitCommit { get; } =
        Informational.Split('+') is [_, var commit, ..] ? commit[..Math.Min(7, commit.Length)] : "";

    /// <summary>The .NET runtime's version, in the field where Docker puts Go's.</summary>
    public static string RuntimeVersion { get; } = "dotnet" + Environment.Version.ToString();

    /// <summary>
    /// When the running executable was written, in Docker's format. A NativeAOT binary carries no
    /// build date, and the file's time is the closest fact there is.
    /// </summary>
    public static string BuildTime { get; } = ExecutableTime();

    /// <summary>The Server response header: "Docker/0.1.0 (linux)", the shape clients parse.</summary>
    public static string ServerHeader { get; } = $"Docker/{Version} (linux)";

    static string ExecutableTime()
    {
        var path = Environment.ProcessPath;
        if (path is null || !File.Exists(path)) return "";
        var time = File.GetLastWriteTimeUtc(path);
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00+00:00'", CultureInfo.InvariantCulture);
    }
}
