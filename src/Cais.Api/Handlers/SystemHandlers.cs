using System.Globalization;
using Cais.Api.Host;
using Cais.Api.Hosting;
using Cais.Api.Http;
using Cais.Api.Images;
using Cais.Api.Models.SystemApi;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

/// <summary>/_ping, /version, /info, /system/df.</summary>
internal static class SystemHandlers
{
    /// <summary>
    /// GET and HEAD /_ping: "OK". Clients negotiate their API version from this response's
    /// Api-Version header (set on every response); Builder-Version 1 tells the docker CLI that
    /// this daemon builds with the classic builder, not BuildKit.
    /// </summary>
    public static async Task Ping(ApiContext context)
    {
        var response = context.Http.Response;
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        response.Headers.Pragma = "no-cache";
        response.Headers["Builder-Version"] = "1";
        response.Headers["Swarm"] = "inactive";
        response.ContentType = "text/plain; charset=utf-8";
        if (HttpMethods.IsHead(context.Http.Request.Method))
        {
            response.ContentLength = 0;
            return;
        }
        response.ContentLength = 2;
        await response.Body.WriteAsync("OK"u8.ToArray(), context.Aborted);
    }

    public static Task Version(ApiContext context)
    {
        var kernel = HostFacts.KernelVersion;
        var version = new SystemVersionResponse
        {
            Platform = new PlatformName { Name = "cais" },
            Components =
            [
                new ComponentVersion
                {
                    Name = "Engine",
                    Version = ServerIdentity.Version,
                    Details = new Dictionary<string, string>
                    {
                        ["ApiVersion"] = ServerIdentity.MaxApiVersion,
                        ["Arch"] = HostFacts.GoArch,
                        ["BuildTime"] = ServerIdentity.BuildTime,
                        ["Experimental"] = "false",
                        ["GitCommit"] = ServerIdentity.GitCommit,
                        ["GoVersion"] = ServerIdentity.RuntimeVersion,
                        ["KernelVersion"] = kernel,
                        ["MinAPIVersion"] = ServerIdentity.MinApiVersion,
                        ["Os"] = "linux",
                    },
                },
            ],
            Version = ServerIdentity.Version,
            ApiVersion = ServerIdentity.MaxApiVersion,
            MinAPIVersion = ServerIdentity.MinApiVersion,
            GitCommit = ServerIdentity.GitCommit,
            GoVersion = ServerIdentity.RuntimeVersion,
            Os = "linux",
            Arch = HostFacts.GoArch,
            KernelVersion = kernel.Length > 0 ? kernel : null,
            BuildTime = ServerIdentity.BuildTime.Length > 0 ? ServerIdentity.BuildTime : null,
        };
        return context.WriteJsonAsync(version, ApiJson.Info<SystemVersionResponse>());
    }

    static ContainerCounts EngineCounts(Cais.Engine.Engine engine)
    {
        var c = engine.CountContainers();
        return new ContainerCounts(c.Running + c.Paused + c.Stopped, c.Running, c.Paused, c.Stopped);
    }

    public static Task Info(ApiContext context)
    {
        var engine = context.Engine;
        var counts = context.Server.ContainerCounts?.Invoke() ?? EngineCounts(engine);
        var cgroups = CgroupFeatures.Detect();
        var dataRoot = engine.Options.DataRoot;
        var info = new SystemInfoResponse
        {
            ID = EngineId.LoadOrCreate(dataRoot),
            Containers = counts.Total,
            ContainersRunning = counts.Running,
            ContainersPaused = counts.Paused,
            ContainersStopped = counts.Stopped,
            Images = engine.Images.Metadata.Images().Count,
            Driver = "overlay2",
            DriverStatus = [["Backing Filesystem", HostFacts.BackingFilesystem(dataRoot)]],
            Plugins = new PluginsInfo
            {
                Volume = ["local"],
                Network = ["bridge", "host", "macvlan", "null"],
                Log = ["json-file"],
            },
            MemoryLimit = cgroups.MemoryLimit,
            SwapLimit = cgroups.SwapLimit,
            KernelMemoryTCP = cgroups.KernelMemoryTcp,
            CpuCfsPeriod = cgroups.CpuCfsPeriod,
            CpuCfsQuota = cgroups.CpuCfsQuota,
            CPUShares = cgroups.CpuShares,
            CPUSet = cgroups.CpuSet,
            PidsLimit = cgroups.PidsLimit,
            OomKillDisable = cgroups.OomKillDisable,
            IPv4Forwarding = HostFacts.IPv4Forwarding,
            BridgeNfIptables = HostFacts.BridgeNfCall("iptables") ?? false,
            BridgeNfIp6tables = HostFacts.BridgeNfCall("ip6tables") ?? false,
            Debug = context.Server.Debug,
            NFd = context.Server.Debug ? OpenDescriptors() : 0,
            NGoroutines = context.Server.Debug ? System.Diagnostics.Process.GetCurrentProcess().Threads.Count : 0,
            SystemTime = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture),
            LoggingDriver = "json-file",
            CgroupDriver = "cgroupfs",
            CgroupVersion = cgroups.Version,
            KernelVersion = HostFacts.KernelVersion,
            OperatingSystem = HostFacts.OperatingSystem,
            OSVersion = HostFacts.OperatingSystemVersion,
            OSType = "linux",
            Architecture = HostFacts.Machine,
            IndexServerAddress = "https://index.docker.io/v1/",
            RegistryConfig = new RegistryServiceConfig
            {
                InsecureRegistryCIDRs = ["::1/128", "127.0.0.0/8"],
                IndexConfigs = new Dictionary<string, IndexInfo>
                {
                    ["docker.io"] = new IndexInfo { Name = "docker.io", Secure = true, Official = true },
                },
            },
            NCPU = HostFacts.CpuCount,
            MemTotal = HostFacts.MemoryTotal,
            DockerRootDir = dataRoot,
            HttpProxy = HostFacts.Proxy("HTTP_PROXY"),
            HttpsProxy = HostFacts.Proxy("HTTPS_PROXY"),
            NoProxy = Environment.GetEnvironmentVariable("NO_PROXY") ?? Environment.GetEnvironmentVariable("no_proxy") ?? "",
            Name = HostFacts.HostName,
            ServerVersion = ServerIdentity.Version,
            Runtimes = Runtimes(),
            DefaultRuntime = "cais",
            Warnings = [.. Warnings(cgroups)],
        };
        return context.WriteJsonAsync(info, ApiJson.Info<SystemInfoResponse>());
    }

    /// <summary>cais's own runtime (this executable's runtime role), and runc when it is installed.</summary>
    static Dictionary<string, RuntimeInfo> Runtimes()
    {
        var runtimes = new Dictionary<string, RuntimeInfo>
        {
            ["cais"] = new RuntimeInfo { Path = Environment.ProcessPath ?? "cais", RuntimeArgs = ["runtime"] },
        };
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "runc"))
            .FirstOrDefault(File.Exists);
        if (path is not null) runtimes["runc"] = new RuntimeInfo { Path = path };
        return runtimes;
    }

    static IEnumerable<string> Warnings(CgroupFeatures cgroups)
    {
        foreach (var warning in cgroups.Warnings()) yield return warning;
        if (!HostFacts.IPv4Forwarding) yield return "WARNING: IPv4 forwarding is disabled";
        if (HostFacts.BridgeNfCall("iptables") == false) yield return "WARNING: bridge-nf-call-iptables is disabled";
        if (HostFacts.BridgeNfCall("ip6tables") == false) yield return "WARNING: bridge-nf-call-ip6tables is disabled";
    }

    static int OpenDescriptors()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static readonly string[] DataUsageTypes = ["container", "image", "volume", "build-cache"];

    /// <summary>
    /// GET /system/df: images with their shared sizes and container counts, the total size of
    /// the unpacked layers, and the containers with the sizes of their layers. Volumes and the build
    /// cache are empty until the engine has them. type=... limits what is computed.
    /// </summary>
    public static Task DataUsage(ApiContext context)
    {
        var types = context.Query.All("type");
        foreach (var type in types)
            if (!DataUsageTypes.Contains(type)) throw new InvalidParameterException($"unknown object type: {type}");
        var usage = new SystemDataUsageResponse();
        if (types.Count == 0 || types.Contains("image"))
        {
            var store = context.Engine.Images;
            usage.Images = ImageListQuery.Run(store, new ImageListRequest(All: true, FilterArgs.Empty, SharedSize: true, CountContainers: true, context.Version), DateTimeOffset.UtcNow);
            usage.LayersSize = store.Metadata.AllLayers().Sum(l => l.Size);
        }
        if (types.Count == 0 || types.Contains("container"))
        {
            // Every container with the size of its read-write layer (docker system df sums them).
            usage.Containers = [.. context.Engine.Containers()
                .Select(c => ContainerHandlers.WithSizes(ContainerHandlers.Summary(c.Record), context.Engine.ContainerSizes(c)))];
        }
        return context.WriteJsonAsync(usage, ApiJson.Info<SystemDataUsageResponse>());
    }
}
