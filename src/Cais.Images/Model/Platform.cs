using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// The platform an image runs on (OCI image-spec image-index.md "platform"; the same fields sit
/// at the top level of config.md). Values use Go's GOOS/GOARCH names: "linux", "amd64", "arm64".
/// </summary>
public sealed record Platform
{
    [JsonPropertyName("architecture")]
    public string Architecture { get; init; } = "";

    [JsonPropertyName("os")]
    public string Os { get; init; } = "";

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("os.features")]
    public IReadOnlyList<string>? OsFeatures { get; init; }

    /// <summary>The CPU variant: "v7" for arm, "v8" for arm64, "v2".."v4" for amd64 micro-architecture levels.</summary>
    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>"os/architecture[/variant]", as docker prints and <c>--platform</c> takes.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Variant) ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>
    /// Parses "os/arch[/variant]" (containerd platforms.Parse, restricted to the full form that
    /// docker's --platform flag documents). Case is folded; names are not normalised here.
    /// </summary>
    public static Platform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || !p.All(IsSpecifierChar)))
            throw new FormatException($"invalid platform \"{text}\": expected os/arch[/variant]");
        return new Platform
        {
            Os = parts[0].ToLowerInvariant(),
            Architecture = parts[1].ToLowerInvariant(),
            Variant = parts.Length == 3 ? parts[2].ToLowerInvariant() : null,
        };
    }

    // containerd's specifierRe: ^[A-Za-z0-9_.-]+$
    static bool IsSpecifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
