using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Cais.Cli.SystemInfo;

/// <summary>What the client says it is in `cais version` and `cais info`: version, commit, build time, platform.</summary>
public static class ClientIdentity
{
    static readonly string Informational =
        typeof(ClientIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    public static string Version => CaisMain.Version;

    /// <summary>The short git commit of the build ("" when the build had no git information).</summary>
    public static string GitCommit { get; } =
        Informational.Split('+') is [_, var commit, ..] ? commit[..Math.Min(7, commit.Length)] : "";

    /// <summary>The .NET runtime, in the place docker shows its Go version.</summary>
    public static string RuntimeVersion { get; } = "dotnet" + Environment.Version;

    /// <summary>GOOS/GOARCH names: linux, amd64 or arm64.</summary>
    public static string Os => "linux";

    public static string Arch { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// When the executable was written, as docker prints build times (Go's time.ANSIC): a
    /// NativeAOT binary carries no build date, and the file's time is the closest fact there is.
    /// </summary>
    public static string BuildTime { get; } = ExecutableTime();

    static string ExecutableTime()
    {
        var path = Environment.ProcessPath;
        return path is null || !File.Exists(path) ? "" : Ansic(new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
    }

    /// <summary>Go's time.ANSIC layout, "Mon Jan _2 15:04:05 2006": the day of the month padded with a space.</summary>
    public static string Ansic(DateTimeOffset time) =>
        time.ToString("ddd MMM ", CultureInfo.InvariantCulture)
        + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
        + time.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    /// <summary>docker's reformatting of a daemon's RFC 3339 build time; text it cannot read is kept as it is.</summary>
    public static string ReformatBuildTime(string text) =>
        Api.Models.Containers.DockerTimestamp.TryParse(text, out var time) ? Ansic(time) : text;
}
