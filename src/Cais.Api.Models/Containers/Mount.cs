using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// A mount requested at create time (<c>--mount</c>; moby <c>mount.Mount</c>). Every field is
/// <c>omitempty</c> in Docker, so unset ones are left out when written.
/// </summary>
public sealed class Mount
{
    /// <summary><c>bind</c>, <c>volume</c>, <c>tmpfs</c>, <c>npipe</c> or <c>cluster</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    /// <summary>A host path for <c>bind</c>, a volume name for <c>volume</c>, nothing for <c>tmpfs</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; set; }

    /// <summary>The path in the container.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Target { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnly { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Consistency { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BindOptions? BindOptions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeOptions? VolumeOptions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TmpfsOptions? TmpfsOptions { get; set; }
}

public sealed class BindOptions
{
    /// <summary><c>private</c>, <c>rprivate</c>, <c>shared</c>, <c>rshared</c>, <c>slave</c> or <c>rslave</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Propagation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NonRecursive { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CreateMountpoint { get; set; }

    /// <summary>Read-only only at the top (API 1.44+); older clients get this behaviour by default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnlyNonRecursive { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnlyForceRecursive { get; set; }
}

public sealed class VolumeOptions
{
    /// <summary>Do not copy the image's files at the target into a new, empty volume.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoCopy { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>A relative path inside the volume to mount instead of its root.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subpath { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeDriverConfig? DriverConfig { get; set; }
}

/// <summary>The volume driver to create a volume with (moby <c>mount.Driver</c>).</summary>
public sealed class VolumeDriverConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Options { get; set; }
}

public sealed class TmpfsOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SizeBytes { get; set; }

    /// <summary>The permission bits as a number (Go <c>os.FileMode</c>), e.g. 1023 for 01777.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public uint Mode { get; set; }

    /// <summary>Extra mount options: <c>[["noexec"], ["uid", "1000"]]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<List<string>>? Options { get; set; }
}

/// <summary>A mount as inspect and the container list report it (moby <c>container.MountPoint</c>).</summary>
public sealed class MountPoint
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    /// <summary>The volume name, for volumes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    public string Source { get; set; } = "";

    public string Destination { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Driver { get; set; }

    /// <summary>The options the user gave (<c>ro,Z</c>); <c>z</c> by default on Linux.</summary>
    public string Mode { get; set; } = "";

    [JsonPropertyName("RW")]
    public bool ReadWrite { get; set; }

    public string Propagation { get; set; } = "";
}
