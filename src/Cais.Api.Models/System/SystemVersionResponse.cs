using System.Text.Json.Serialization;

// Not "Cais.Api.Models.System": a namespace named System inside Cais.Api.Models would hide the
// real System namespace from every file in Cais.Api.Models.*.
namespace Cais.Api.Models.SystemApi;

/// <summary><c>GET /version</c> (swagger SystemVersion, moby types.Version).</summary>
public sealed class SystemVersionResponse
{
    [JsonPropertyName("Platform")]
    public PlatformName Platform { get; set; } = new();

    [JsonPropertyName("Components")]
    public List<ComponentVersion> Components { get; set; } = [];

    [JsonPropertyName("Version")]
    public string Version { get; set; } = "";

    /// <summary>The highest API version served, and the default.</summary>
    [JsonPropertyName("ApiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("MinAPIVersion")]
    public string MinAPIVersion { get; set; } = "";

    [JsonPropertyName("GitCommit")]
    public string GitCommit { get; set; } = "";

    /// <summary>Docker's name for the language runtime's version; cais puts the .NET version here.</summary>
    [JsonPropertyName("GoVersion")]
    public string GoVersion { get; set; } = "";

    [JsonPropertyName("Os")]
    public string Os { get; set; } = "";

    /// <summary>GOARCH names: amd64, arm64, ...</summary>
    [JsonPropertyName("Arch")]
    public string Arch { get; set; } = "";

    [JsonPropertyName("KernelVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KernelVersion { get; set; }

    [JsonPropertyName("Experimental")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Experimental { get; set; }

    [JsonPropertyName("BuildTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BuildTime { get; set; }
}

public sealed class PlatformName
{
    [JsonPropertyName("Name")]
    public string Name { get; set; } = "";
}

/// <summary>A part of the engine and its version ("Engine", a runtime, ...), with free-form details.</summary>
public sealed class ComponentVersion
{
    [JsonPropertyName("Name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("Version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("Details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Details { get; set; }
}
