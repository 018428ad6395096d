using System.Text.Json.Nodes;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Data shaped as the docker CLI's templates see it: container inspect JSON and ps rows.</summary>
static class TemplateFixtures
{
    /// <summary>Trimmed from a real `docker inspect` of an exited busybox container.</summary>
    public const string ContainerInspectJson = """
        {
          "Id": "4fa6e0f0c6786287e131c3852c58a2e01cc697a68231826813597e4994f1d6e2",
          "Created": "2024-05-01T10:00:00.123456789Z",
          "Path": "sh",
          "Args": ["-c", "echo hi && exit 137"],
          "State": {
            "Status": "exited",
            "Running": false,
            "Paused": false,
            "ExitCode": 137,
            "Pid": 0,
            "Error": "",
            "Health": null
          },
          "Name": "/web",
          "RestartCount": 0,
          "Mounts": [
            {"Type": "volume", "Name": "data", "Source": "/var/lib/cais/volumes/data/_data", "Destination": "/data", "RW": true},
            {"Type": "bind", "Source": "/etc/hosts", "Destination": "/etc/hosts", "RW": false}
          ],
          "Config": {
            "Hostname": "4fa6e0f0c678",
            "Env": ["PATH=/usr/local/sbin:/usr/bin", "A=<1>&2"],
            "Cmd": ["sh", "-c", "echo hi && exit 137"],
            "Image": "busybox",
            "Labels": {"com.example.b": "2", "com.example.a": "1"},
            "StopSignal": null
          },
          "HostConfig": {"Memory": 0, "NanoCpus": 1500000000, "CpuShares": 0.5, "ShmSize": 67108864},
          "NetworkSettings": {
            "Networks": {
              "bridge": {"IPAddress": "172.17.0.2", "Gateway": "172.17.0.1", "MacAddress": "02:42:ac:11:00:02"},
              "backend": {"IPAddress": "10.0.0.5", "Gateway": "10.0.0.1", "MacAddress": "02:42:0a:00:00:05"}
            },
            "Ports": {}
          }
        }
        """;

    public static TemplateValue Inspect() => TemplateValue.FromJson(JsonNode.Parse(ContainerInspectJson));

    public static TemplateValue Json(string json) => TemplateValue.FromJson(JsonNode.Parse(json));

    /// <summary>Runs a template over the inspect JSON.</summary>
    public static string Run(string template, TemplateValue? data = null, MissingKey missingKey = MissingKey.NoValue) =>
        GoTemplate.Parse(template).Execute(data ?? Inspect(), missingKey);

    public static readonly IReadOnlyDictionary<string, string> PsHeaders = new Dictionary<string, string>
    {
        ["ID"] = "CONTAINER ID",
        ["Image"] = "IMAGE",
        ["Command"] = "COMMAND",
        ["Status"] = "STATUS",
        ["Ports"] = "PORTS",
        ["Names"] = "NAMES",
        ["Labels"] = "LABELS",
    };
}

/// <summary>A ps row as docker's ContainerContext presents it: computed fields and a Label method.</summary>
sealed class ContainerRow(string id, string image, string command, string status, string ports, string names,
    IReadOnlyDictionary<string, string>? labels = null) : ITemplateObject
{
    readonly IReadOnlyDictionary<string, string> labels = labels ?? new Dictionary<string, string>();

    public IEnumerable<string> FieldNames => ["ID", "Image", "Command", "Status", "Ports", "Names", "Labels"];

    public string TypeName => "*formatter.ContainerContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "ID" => id,
            "Image" => image,
            "Command" => "\"" + command + "\"",
            "Status" => status,
            "Ports" => ports,
            "Names" => names,
            "Labels" => string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
            _ => null,
        };
        value = text is null ? default : TemplateValue.FromString(text);
        return text is not null;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        if (name != "Label") return false;
        if (args.Count != 1) throw new TemplateCallException($"wrong number of args for Label: want 1 got {args.Count}");
        if (args[0].Kind != TemplateValueKind.String) throw new TemplateCallException($"Label wants a string, got {args[0].GoTypeName}");
        result = TemplateValue.FromString(labels.TryGetValue(args[0].AsString, out var v) ? v : "");
        return true;
    }

    public static ContainerRow Web() => new("4fa6e0f0c678", "nginx:latest", "nginx -g 'daemon off;'", "Up 2 minutes",
        "0.0.0.0:8080->80/tcp", "web", new Dictionary<string, string> { ["com.example.team"] = "edge", ["tier"] = "front" });

    public static ContainerRow Db() => new("9b1c2d3e4f50", "postgres:16", "docker-entrypoint.s…", "Exited (0) 5 seconds ago",
        "", "db");
}
