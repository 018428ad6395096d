using System.Text;
using System.Text.Json.Nodes;
using Cais.Api.Client;
using Cais.Cli.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.SystemInfo;

/// <summary>
/// `cais version`: the client's version and the daemon's, laid out as docker's. When the daemon
/// cannot be reached the client part is still printed, then the error, and the status is 1.
/// --format takes a Go template over {Client, Server} ({{.Server.Version}}, {{json .}}).
/// </summary>
public static class VersionCommand
{
    static readonly Dictionary<string, string> GoNames = new(StringComparer.Ordinal)
    {
        ["APIVersion"] = "ApiVersion",
    };

    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("version", "[OPTIONS]", "Show the cais version information");
        var format = verb.Flags.String("format", 'f', "", "Format output using a custom template:\n'json': Print in JSON format\n'TEMPLATE': Print output using the given Go template.");
        if (verb.Parse(cli, args, ArgCount.None, out var status) is null) return status;
        return LifecycleRunner.Run(cli, () => ShowAsync(cli, format.Value));
    }

    static async Task<int> ShowAsync(DaemonCli cli, string format)
    {
        GoTemplate? template = null;
        if (format.Length > 0)
        {
            try
            {
                template = GoTemplate.Parse(format == "json" ? "{{json .}}" : format);
            }
            catch (TemplateException e)
            {
                cli.Error.WriteLine($"template parsing error: {e.Message}");
                return 1;
            }
        }
        JsonObject? server = null;
        DaemonConnectionException? unreachable = null;
        try
        {
            using var document = await cli.Client.GetVersionAsync().ConfigureAwait(false);
            server = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        }
        catch (DaemonConnectionException e)
        {
            unreachable = e;
        }
        var apiVersion = cli.Client.NegotiatedVersion ?? ApiVersion.ClientMax;
        var client = ClientObject(apiVersion);
        if (server is not null) ReformatBuildTimes(server);
        if (template is not null)
        {
            var data = new JsonObject { ["Client"] = client, ["Server"] = server };
            var output = new StringWriter();
            try
            {
                template.Execute(output, TemplateValue.FromObject(new JsonTemplateObject(data, GoNames, "versionInfo")));
            }
            catch (TemplateException) when (unreachable is not null)
            {
                // As docker: what the template made before it reached the missing server part, then the connection error.
            }
            cli.Out.WriteLine(output.ToString());
        }
        else
        {
            cli.Out.Write(HumanText(client, server));
        }
        if (unreachable is null) return 0;
        cli.Error.WriteLine(unreachable.Message);
        return 1;
    }

    static JsonObject ClientObject(ApiVersion apiVersion) => new()
    {
        ["Version"] = ClientIdentity.Version,
        ["ApiVersion"] = apiVersion.ToString(),
        ["DefaultAPIVersion"] = ApiVersion.ClientMax.ToString(),
        ["GitCommit"] = ClientIdentity.GitCommit,
        ["GoVersion"] = ClientIdentity.RuntimeVersion,
        ["Os"] = ClientIdentity.Os,
        ["Arch"] = ClientIdentity.Arch,
        ["BuildTime"] = ClientIdentity.BuildTime,
    };

    /// <summary>docker shows a component's build time in its own layout, not the daemon's RFC 3339.</summary>
    static void ReformatBuildTimes(JsonObject server)
    {
        if (server["Components"] is not JsonArray components) return;
        foreach (var component in components)
            if (component?["Details"] is JsonObject details && details["BuildTime"]?.GetValue<string>() is { } time)
                details["BuildTime"] = ClientIdentity.ReformatBuildTime(time);
    }

    static string HumanText(JsonObject client, JsonObject? server)
    {
        var text = new StringBuilder();
        text.Append("Client:\n");
        var apiVersion = Text(client, "ApiVersion");
        var defaultVersion = Text(client, "DefaultAPIVersion");
        Line(text, " Version:", Text(client, "Version"));
        Line(text, " API version:", apiVersion == defaultVersion ? apiVersion : $"{apiVersion} (downgraded from {defaultVersion})");
        Line(text, " .NET version:", Text(client, "GoVersion"));
        Line(text, " Git commit:", Text(client, "GitCommit"));
        Line(text, " Built:", Text(client, "BuildTime"));
        Line(text, " OS/Arch:", $"{Text(client, "Os")}/{Text(client, "Arch")}");
        if (server is null) return text.ToString();
        var platform = server["Platform"]?["Name"]?.GetValue<string>() ?? "";
        text.Append("\nServer:").Append(platform.Length > 0 ? " " + platform : "").Append('\n');
        foreach (var component in server["Components"] as JsonArray ?? [])
        {
            if (component is not JsonObject c) continue;
            var name = Text(c, "Name");
            text.Append(' ').Append(name).Append(":\n");
            var details = c["Details"] as JsonObject ?? [];
            if (name == "Engine")
            {
                Line(text, "  Version:", Text(c, "Version"));
                Line(text, "  API version:", $"{Text(details, "ApiVersion")} (minimum version {Text(details, "MinAPIVersion")})");
                Line(text, "  .NET version:", Text(details, "GoVersion"));
                Line(text, "  Git commit:", Text(details, "GitCommit"));
                Line(text, "  Built:", Text(details, "BuildTime"));
                Line(text, "  OS/Arch:", $"{Text(details, "Os")}/{Text(details, "Arch")}");
                Line(text, "  Experimental:", Text(details, "Experimental"));
                continue;
            }
            Line(text, "  Version:", Text(c, "Version"));
            foreach (var (key, value) in details) Line(text, $"  {key}:", value?.ToString() ?? "");
        }
        return text.ToString();
    }

    /// <summary>docker's tabwriter with a minimum cell width of 20: the values start in column 20.</summary>
    static void Line(StringBuilder text, string label, string value) =>
        text.Append(label.Length < 19 ? label.PadRight(19) : label).Append(' ').Append(value).Append('\n');

    static string Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : o[key]?.ToString() ?? "";
}
