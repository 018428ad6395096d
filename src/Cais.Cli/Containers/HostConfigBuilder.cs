using System.Text.Json;
using Cais.Api.Models.Containers;
using Cais.Cli.Containers.Options;

namespace Cais.Cli.Containers;

/// <summary>The HostConfig part of a create request: resources, security, storage, logging, ports.</summary>
public static class HostConfigBuilder
{
    public static HostConfig Build(ContainerFlags o, List<string> binds, PortSpecs ports, uint[]? consoleSize)
    {
        if (o.MemorySwappiness.Value != -1 && o.MemorySwappiness.Value is < 0 or > 100)
            throw new InvalidOptionException($"invalid value: {o.MemorySwappiness.Value}. Valid memory swappiness range is 0-100");
        if (o.LogDriver.Value == "none" && o.LogOpts.Value.Count > 0)
            throw new InvalidOptionException($"invalid logging opts for driver {o.LogDriver.Value}");
        if (o.Cgroupns.Value is not ("" or "host" or "private"))
            throw new InvalidOptionException("--cgroupns: invalid CGROUP mode");
        var (securityOpts, maskedPaths, readonlyPaths) = SecurityOptions(o.SecurityOpt.Value);
        var host = new HostConfig
        {
            Binds = binds.Count > 0 ? binds : null,
            ContainerIDFile = o.ContainerIdFile.Value,
            AutoRemove = o.AutoRemove.Value,
            Privileged = o.Privileged.Value,
            ReadonlyRootfs = o.ReadOnly.Value,
            PortBindings = ports.Bindings.Count > 0 ? ports.Bindings : null,
            PublishAllPorts = o.PublishAll.Value,
            Links = NullIfEmpty(o.Links.Value),
            Dns = [.. o.Dns.Value],
            DnsSearch = [.. o.DnsSearch.Value],
            DnsOptions = [.. o.DnsOptions.Value],
            ExtraHosts = NullIfEmpty(o.AddHosts.Value),
            VolumesFrom = NullIfEmpty(o.VolumesFrom.Value),
            VolumeDriver = o.VolumeDriver.Value,
            NetworkMode = o.Networks.Value.Count > 0 ? NetworkingBuilder.Target(o.Networks.Value[0]) : "default",
            IpcMode = o.Ipc.Value,
            PidMode = o.Pid.Value,
            UtsMode = o.Uts.Value,
            UsernsMode = o.Userns.Value,
            CgroupnsMode = o.Cgroupns.Value,
            CapAdd = NullIfEmpty(o.CapAdd.Value),
            CapDrop = NullIfEmpty(o.CapDrop.Value),
            GroupAdd = NullIfEmpty(o.GroupAdd.Value),
            RestartPolicy = RestartPolicyOption.Parse(o.Restart.Value),
            SecurityOpt = securityOpts.Count > 0 ? securityOpts : null,
            MaskedPaths = maskedPaths,
            ReadonlyPaths = readonlyPaths,
            StorageOpt = o.StorageOpt.Value.Count > 0 ? KeyValueFiles.ToMap(o.StorageOpt.Value) : null,
            LogConfig = new LogConfig
            {
                Type = o.LogDriver.Value,
                Config = o.LogOpts.Value.Count > 0 ? KeyValueFiles.ToMap(o.LogOpts.Value) : null,
            },
            Isolation = o.Isolation.Value,
            ShmSize = o.ShmSize.Value,
            Tmpfs = Tmpfs(o.Tmpfs.Value),
            Sysctls = o.Sysctls.Value.Count > 0 ? KeyValueFiles.ToMap(o.Sysctls.Value) : null,
            Annotations = o.Annotations.Value.Count > 0 ? KeyValueFiles.ToMap(o.Annotations.Value) : null,
            Runtime = o.Runtime.Value.Length > 0 ? o.Runtime.Value : null,
            Mounts = o.Mounts.Value.Count > 0 ? [.. o.Mounts.Value] : null,
            OomScoreAdj = o.OomScoreAdj.Value,
            ConsoleSize = consoleSize ?? [0, 0],
            Init = o.Init.IsSet ? o.Init.Value : null,
        };
        ApplyResources(host, o);
        return host;
    }

    static void ApplyResources(ContainerResources r, ContainerFlags o)
    {
        r.Memory = o.Memory.Value;
        r.MemorySwap = o.MemorySwap.Value;
        r.MemoryReservation = o.MemoryReservation.Value;
        r.MemorySwappiness = o.MemorySwappiness.IsSet ? o.MemorySwappiness.Value : null;
        r.KernelMemory = o.KernelMemory.Value;
        r.OomKillDisable = o.OomKillDisable.IsSet ? o.OomKillDisable.Value : null;
        r.NanoCpus = o.Cpus.Value;
        r.CpuShares = o.CpuShares.Value;
        r.CpuPeriod = o.CpuPeriod.Value;
        r.CpuQuota = o.CpuQuota.Value;
        r.CpuRealtimePeriod = o.CpuRtPeriod.Value;
        r.CpuRealtimeRuntime = o.CpuRtRuntime.Value;
        r.CpusetCpus = o.CpusetCpus.Value;
        r.CpusetMems = o.CpusetMems.Value;
        r.CpuCount = o.CpuCount.Value;
        r.CpuPercent = o.CpuPercent.Value;
        r.PidsLimit = o.PidsLimit.IsSet ? o.PidsLimit.Value : null;
        r.BlkioWeight = o.BlkioWeight.Value;
        r.BlkioWeightDevice = NullIfEmpty(o.BlkioWeightDevice.Value);
        r.BlkioDeviceReadBps = NullIfEmpty(o.DeviceReadBps.Value);
        r.BlkioDeviceWriteBps = NullIfEmpty(o.DeviceWriteBps.Value);
        r.BlkioDeviceReadIOps = NullIfEmpty(o.DeviceReadIops.Value);
        r.BlkioDeviceWriteIOps = NullIfEmpty(o.DeviceWriteIops.Value);
        r.Ulimits = NullIfEmpty(o.Ulimits.Value);
        r.Devices = NullIfEmpty(o.Devices.Value);
        r.DeviceCgroupRules = NullIfEmpty(o.DeviceCgroupRules.Value);
        r.CgroupParent = o.CgroupParent.Value;
    }

    /// <summary>--tmpfs PATH[:OPTIONS] → {PATH: OPTIONS}.</summary>
    static Dictionary<string, string>? Tmpfs(IReadOnlyList<string> specs)
    {
        if (specs.Count == 0) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) map[spec] = "";
            else map[spec[..colon]] = spec[(colon + 1)..];
        }
        return map;
    }

    /// <summary>
    /// --security-opt as docker sends it: a seccomp profile file is read and sent inline, and
    /// systempaths=unconfined is a client-side switch that empties the masked and read-only paths.
    /// </summary>
    static (List<string> Options, List<string>? Masked, List<string>? ReadOnly) SecurityOptions(IReadOnlyList<string> given)
    {
        var options = new List<string>();
        List<string>? masked = null, readOnly = null;
        foreach (var opt in given)
        {
            if (opt == "systempaths=unconfined")
            {
                masked = [];
                readOnly = [];
                continue;
            }
            var separator = opt.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0 && opt != "no-new-privileges") separator = opt.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0 && opt != "no-new-privileges") throw new InvalidOptionException($"Invalid --security-opt: \"{opt}\"");
            if (separator > 0 && opt[..separator] == "seccomp" && opt[(separator + 1)..] is var profile && profile != "unconfined")
            {
                options.Add("seccomp=" + ReadSeccompProfile(profile));
                continue;
            }
            options.Add(opt);
        }
        return (options, masked, readOnly);
    }

    static string ReadSeccompProfile(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            using var compact = new MemoryStream();
            using (var writer = new Utf8JsonWriter(compact)) document.WriteTo(writer);
            return System.Text.Encoding.UTF8.GetString(compact.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOptionException($"opening seccomp profile ({path}) failed: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new InvalidOptionException($"compacting json for seccomp profile ({path}) failed: {e.Message}");
        }
    }

    static List<T>? NullIfEmpty<T>(IReadOnlyList<T> values) => values.Count > 0 ? [.. values] : null;
}
