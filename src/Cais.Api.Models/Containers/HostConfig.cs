using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// The host-dependent configuration of a container (moby <c>container.HostConfig</c>, swagger
/// <c>HostConfig</c>), with the <see cref="ContainerResources"/> fields inline as Docker has them.
/// Sent in the create body and returned by inspect.
/// </summary>
public sealed class HostConfig : ContainerResources
{
    /// <summary><c>host-src:container-dest[:options]</c> or <c>volume-name:container-dest[:options]</c>.</summary>
    public List<string>? Binds { get; set; }

    public string ContainerIDFile { get; set; } = "";

    public LogConfig LogConfig { get; set => field = value ?? new(); } = new();

    /// <summary><c>bridge</c>, <c>host</c>, <c>none</c>, <c>container:&lt;name|id&gt;</c>, or a network's name; <c>default</c> is bridge.</summary>
    public string NetworkMode { get; set; } = "";

    /// <summary>Container port (<c>80/tcp</c>) to host bindings; a key may map to null.</summary>
    public Dictionary<string, List<PortBinding>?>? PortBindings { get; set; }

    public RestartPolicy RestartPolicy { get; set => field = value ?? new(); } = new();

    public bool AutoRemove { get; set; }

    public string VolumeDriver { get; set; } = "";

    /// <summary><c>&lt;container&gt;[:ro|rw]</c> entries.</summary>
    public List<string>? VolumesFrom { get; set; }

    /// <summary>Initial TTY size as <c>[height, width]</c>; Docker always writes both numbers.</summary>
    public uint[] ConsoleSize { get; set => field = value ?? [0, 0]; } = [0, 0];

    /// <summary>Passed to the OCI runtime as annotations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonConverter(typeof(StringOrArrayJsonConverter))]
    public List<string>? CapAdd { get; set; }

    [JsonConverter(typeof(StringOrArrayJsonConverter))]
    public List<string>? CapDrop { get; set; }

    /// <summary><c>private</c> or <c>host</c>; empty means the daemon default.</summary>
    public string CgroupnsMode { get; set; } = "";

    public List<string>? Dns { get; set; }

    public List<string>? DnsOptions { get; set; }

    public List<string>? DnsSearch { get; set; }

    /// <summary><c>hostname:IP</c> entries for /etc/hosts.</summary>
    public List<string>? ExtraHosts { get; set; }

    public List<string>? GroupAdd { get; set; }

    /// <summary><c>none</c>, <c>private</c>, <c>shareable</c>, <c>container:&lt;name|id&gt;</c> or <c>host</c>.</summary>
    public string IpcMode { get; set; } = "";

    public string Cgroup { get; set; } = "";

    /// <summary><c>name:alias</c> entries (legacy links).</summary>
    public List<string>? Links { get; set; }

    public int OomScoreAdj { get; set; }

    /// <summary>Empty (own namespace), <c>host</c> or <c>container:&lt;name|id&gt;</c>.</summary>
    public string PidMode { get; set; } = "";

    public bool Privileged { get; set; }

    public bool PublishAllPorts { get; set; }

    public bool ReadonlyRootfs { get; set; }

    public List<string>? SecurityOpt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? StorageOpt { get; set; }

    /// <summary>Container path to tmpfs mount options, e.g. <c>{"/run": "rw,noexec,size=65536k"}</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Tmpfs { get; set; }

    [JsonPropertyName("UTSMode")]
    public string UtsMode { get; set; } = "";

    public string UsernsMode { get; set; } = "";

    /// <summary>Size of /dev/shm in bytes; 0 means the default (64 MiB).</summary>
    public long ShmSize { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Sysctls { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Runtime { get; set; }

    /// <summary>Windows only: <c>default</c>, <c>process</c> or <c>hyperv</c>.</summary>
    public string Isolation { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Mount>? Mounts { get; set; }

    /// <summary>Paths masked in the container, replacing the default set when not null.</summary>
    public List<string>? MaskedPaths { get; set; }

    /// <summary>Paths made read-only in the container, replacing the default set when not null.</summary>
    public List<string>? ReadonlyPaths { get; set; }
}

/// <summary>The logging driver and its options (<c>--log-driver</c>, <c>--log-opt</c>).</summary>
public sealed class LogConfig
{
    /// <summary><c>json-file</c>, <c>local</c>, <c>none</c>, ...; empty means the daemon default.</summary>
    public string Type { get; set; } = "";

    public Dictionary<string, string>? Config { get; set; }
}

/// <summary>What to do when the container exits (<c>--restart</c>).</summary>
public sealed class RestartPolicy
{
    /// <summary>Empty or <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>For <c>on-failure</c>: how many restarts before giving up (0 is unlimited).</summary>
    public int MaximumRetryCount { get; set; }
}

/// <summary>One host address a container port is published on.</summary>
public sealed class PortBinding
{
    /// <summary>Empty means all addresses.</summary>
    public string HostIp { get; set; } = "";

    /// <summary>A port number or range as text; empty means an ephemeral port.</summary>
    public string HostPort { get; set; } = "";
}
