using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cais.Api.Client;
using Cais.Cli.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.SystemInfo;

/// <summary>
/// `cais info`: the client's few facts and the daemon's main ones, laid out as docker info's;
/// --format runs a Go template over the daemon's /info object (plus ClientInfo), as docker's
/// does ({{.Containers}}, {{json .}}). An unreachable daemon: the client part, the error, status 1.
/// </summary>
public static class InfoCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("info", "[OPTIONS]", "Display system-wide information");
        var format = verb.Flags.String("format", 'f', "", "Format output using a custom template:\n'json': Print in JSON format\n'TEMPLATE': Print output using the given Go template.");
        if (verb.Parse(cli, args, ArgCount.None, out var status) is null) return status;
        return LifecycleRunner.Run(cli, () => ShowAsync(cli, format.Value));
    }

    static async Task<int> ShowAsync(DaemonCli cli, string format)
    {
        var template = format.Length > 0 ? GoTemplate.Parse(format == "json" ? "{{json .}}" : format) : null;
        JsonObject? info = null;
        DaemonConnectionException? unreachable = null;
        try
        {
            using var document = await cli.Client.GetInfoAsync().ConfigureAwait(false);
            info = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        }
        catch (DaemonConnectionException e)
        {
            unreachable = e;
        }
        if (template is not null)
        {
            var data = info ?? [];
            data["ClientInfo"] = new JsonObject { ["Debug"] = false, ["Version"] = ClientIdentity.Version, ["GitCommit"] = ClientIdentity.GitCommit,
                ["GoVersion"] = ClientIdentity.RuntimeVersion, ["Os"] = ClientIdentity.Os, ["Arch"] = ClientIdentity.Arch, ["BuildTime"] = ClientIdentity.BuildTime };
            if (unreachable is not null) data["ServerErrors"] = new JsonArray(unreachable.Message);
            cli.Out.WriteLine(template.Execute(TemplateValue.FromJson(data)));
        }
        else
        {
            cli.Out.Write($"Client:\n Version:    {ClientIdentity.Version}\n Debug Mode: false\n\nServer:\n");
            if (info is not null) cli.Out.Write(ServerText(info));
        }
        if (unreachable is not null)
        {
            cli.Error.WriteLine(unreachable.Message);
            return 1;
        }
        foreach (var warning in info?["Warnings"] as JsonArray ?? []) cli.Error.WriteLine(warning?.ToString());
        return 0;
    }

    static string ServerText(JsonObject i)
    {
        var t = new StringBuilder();
        t.Append($" Containers: {S(i, "Containers")}\n  Running: {S(i, "ContainersRunning")}\n  Paused: {S(i, "ContainersPaused")}\n  Stopped: {S(i, "ContainersStopped")}\n");
        t.Append($" Images: {S(i, "Images")}\n Server Version: {S(i, "ServerVersion")}\n Storage Driver: {S(i, "Driver")}\n");
        foreach (var pair in i["DriverStatus"] as JsonArray ?? [])
            if (pair is JsonArray { Count: 2 } kv) t.Append($"  {kv[0]}: {kv[1]}\n");
        t.Append($" Logging Driver: {S(i, "LoggingDriver")}\n Cgroup Driver: {S(i, "CgroupDriver")}\n Cgroup Version: {S(i, "CgroupVersion")}\n");
        if (i["Plugins"] is JsonObject plugins)
        {
            t.Append(" Plugins:\n");
            foreach (var kind in new[] { "Volume", "Network", "Authorization", "Log" })
                if (plugins[kind] is JsonArray { Count: > 0 } names) t.Append($"  {kind}: {Join(names)}\n");
        }
        t.Append($" Swarm: {i["Swarm"]?["LocalNodeState"]}\n");
        if (i["Runtimes"] is JsonObject runtimes) t.Append($" Runtimes: {string.Join(' ', runtimes.Select(r => r.Key))}\n");
        t.Append($" Default Runtime: {S(i, "DefaultRuntime")}\n Init Binary: {S(i, "InitBinary")}\n");
        if (i["SecurityOptions"] is JsonArray { Count: > 0 } security)
        {
            t.Append(" Security Options:\n");
            foreach (var option in security) t.Append($"  {option}\n");
        }
        t.Append($" Kernel Version: {S(i, "KernelVersion")}\n Operating System: {S(i, "OperatingSystem")}\n OSType: {S(i, "OSType")}\n");
        t.Append($" Architecture: {S(i, "Architecture")}\n CPUs: {S(i, "NCPU")}\n Total Memory: {BinarySize(i["MemTotal"])}\n");
        t.Append($" Name: {S(i, "Name")}\n ID: {S(i, "ID")}\n Cais Root Dir: {S(i, "DockerRootDir")}\n Debug Mode: {Bool(i, "Debug")}\n");
        t.Append($" Experimental: {Bool(i, "ExperimentalBuild")}\n");
        if (i["RegistryConfig"]?["InsecureRegistryCIDRs"] is JsonArray { Count: > 0 } insecure)
        {
            t.Append(" Insecure Registries:\n");
            foreach (var cidr in insecure) t.Append($"  {cidr}\n");
        }
        t.Append($" Live Restore Enabled: {Bool(i, "LiveRestoreEnabled")}\n\n");
        return t.ToString();
    }

    static string S(JsonObject o, string key) => o[key]?.ToString() ?? "";

    static string Bool(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b ? "true" : "false";

    static string Join(JsonArray names) => string.Join(' ', names.Select(n => n?.ToString()));

    /// <summary>go-units BytesSize: powers of 1024, four significant digits ("23.54GiB").</summary>
    static string BinarySize(JsonNode? node)
    {
        if (node is not JsonValue v || !v.TryGetValue<double>(out var size)) return "";
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }
        return size.ToString("G4", CultureInfo.InvariantCulture) + units[unit];
    }
}
