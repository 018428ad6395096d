using System.Globalization;
using Cais.Api.Http;
using Cais.Api.Models.Containers;
using Cais.Engine.Containers;
using ApiState = Cais.Api.Models.Containers.ContainerState;

namespace Cais.Api.Handlers;

// GET /containers/{id}/json and GET /containers/json.
internal static partial class ContainerHandlers
{
    public static Task Inspect(ApiContext context)
    {
        var c = context.Engine.Get(context.Route("id"));
        var r = c.Record;
        var dir = context.Engine.ContainerDir(r.Id);
        var response = new ContainerInspectResponse
        {
            Id = r.Id,
            Created = Time(r.Created),
            Path = r.Path,
            Args = r.Args,
            State = StateOf(r.State),
            Image = r.ImageId,
            ResolvConfPath = Path.Combine(dir, "resolv.conf"),
            HostnamePath = Path.Combine(dir, "hostname"),
            HostsPath = Path.Combine(dir, "hosts"),
            LogPath = r.HostConfig.LogConfig?.Type == "none" ? "" : context.Engine.LogPathOf(r.Id),
            Name = r.Name,
            RestartCount = r.RestartCount,
            Driver = "overlay2",
            Platform = "linux",
            HostConfig = r.HostConfig,
            Config = r.Config,
            Mounts = [],
            ExecIDs = context.Engine.RunningExecsOf(r.Id) is { Count: > 0 } running ? running : null,
            NetworkSettings = NetworkSettingsOf(r),
        };
        return context.WriteJsonAsync(response, ContainerJsonContext.Default.ContainerInspectResponse);
    }

    /// <summary>
    /// What inspect shows of the container's networking until the networks issue adds the bridge:
    /// the exposed ports, unpublished (Docker's null binding), and the endpoint of `none` or `host`.
    /// Never null: clients (docker port, docker-py's ports) read it unconditionally.
    /// </summary>
    static NetworkSettings NetworkSettingsOf(ContainerRecord r)
    {
        var ports = new Dictionary<string, List<PortBinding>?>();
        foreach (var port in r.Config.ExposedPorts?.Keys ?? Enumerable.Empty<string>()) ports[port] = null;
        var settings = new NetworkSettings { Ports = ports };
        if (r.HostConfig.NetworkMode is "none" or "host")
            settings.Networks[r.HostConfig.NetworkMode] = new EndpointSettings();
        return settings;
    }

    static ApiState StateOf(ContainerRunState s) => new()
    {
        Status = s.Status,
        Running = s.Running,
        Paused = s.Status == "paused",
        Restarting = s.Status == "restarting",
        OomKilled = s.OomKilled,
        Dead = s.Status == "dead",
        Pid = s.Status is "running" or "paused" ? s.Pid : 0,
        ExitCode = s.ExitCode,
        Error = s.Error,
        StartedAt = Time(s.StartedAt),
        FinishedAt = Time(s.FinishedAt),
        Health = s.Health,
    };

    /// <summary>RFC 3339 with nanoseconds as Go prints them; Go's zero time when unset.</summary>
    static string Time(DateTime? t) =>
        t is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00Z";

    /// <summary>GET /containers/json?all=&amp;limit=&amp;filters= (status, name, id, label, ancestor, exited).</summary>
    public static Task List(ApiContext context)
    {
        bool all = context.Query.Bool("all");
        bool size = context.Query.Bool("size");
        long limit = context.Query.Int64("limit", -1);
        var filters = context.Filters();
        var rows = new List<ContainerSummary>();
        foreach (var c in context.Engine.Containers())
        {
            var r = c.Record;
            bool hasStatusFilter = filters.Contains("status");
            // A limit (ps -n, -l) counts the newest containers whatever their state, as Docker's does.
            if (!all && limit <= 0 && !hasStatusFilter && r.State.Status != "running" && r.State.Status != "paused" && r.State.Status != "restarting") continue;
            if (!Matches(filters, r)) continue;
            var row = Summary(r);
            if (size) WithSizes(row, context.Engine.ContainerSizes(c));
            rows.Add(row);
            if (limit > 0 && rows.Count >= limit) break;
        }
        return context.WriteJsonAsync(rows, ContainerJsonContext.Default.ListContainerSummary);
    }

    static bool Matches(FilterArgs filters, ContainerRecord r)
    {
        foreach (var key in filters.Keys)
        {
            var values = filters.Get(key);
            bool ok = key switch
            {
                "status" => values.Contains(r.State.Status),
                "name" => values.Any(v => System.Text.RegularExpressions.Regex.IsMatch(r.Name.TrimStart('/'), v.TrimStart('/'))),
                "id" => values.Any(v => r.Id.StartsWith(v, StringComparison.Ordinal)),
                "label" => values.All(v => LabelMatches(r.Config.Labels, v)),
                "ancestor" => values.Any(v => v == r.ImageName || v == r.ImageId || r.ImageId.StartsWith("sha256:" + v, StringComparison.Ordinal)),
                "exited" => r.State.Status == "exited" && values.Contains(r.State.ExitCode.ToString(CultureInfo.InvariantCulture)),
                "health" => values.Contains(r.State.Health?.Status is { Length: > 0 } health && r.Config.Healthcheck is not null ? health : "none"),
                _ => throw new Cais.Engine.Errors.InvalidParameterException($"invalid filter '{key}'"),
            };
            if (!ok) return false;
        }
        return true;
    }

    static bool LabelMatches(Dictionary<string, string>? labels, string filter)
    {
        var parts = filter.Split('=', 2);
        if (labels is null || !labels.TryGetValue(parts[0], out var value)) return false;
        return parts.Length == 1 || value == parts[1];
    }

    internal static ContainerSummary WithSizes(ContainerSummary row, Cais.Engine.Engine.LayerSizes sizes)
    {
        row.SizeRw = sizes.SizeRw;
        row.SizeRootFs = sizes.SizeRootFs;
        return row;
    }

    internal static ContainerSummary Summary(ContainerRecord r) => new()
    {
        Id = r.Id,
        Names = [r.Name],
        Image = r.ImageName,
        ImageID = r.ImageId,
        Command = string.Join(' ', new[] { r.Path }.Concat(r.Args)),
        Created = new DateTimeOffset(r.Created).ToUnixTimeSeconds(),
        Ports = [],
        Labels = r.Config.Labels ?? [],
        State = r.State.Status,
        Status = StatusText(r.State),
        HostConfig = new ContainerSummaryHostConfig { NetworkMode = string.IsNullOrEmpty(r.HostConfig.NetworkMode) ? "default" : r.HostConfig.NetworkMode },
        Mounts = [],
    };

    /// <summary>ps's STATUS column: "Up 3 minutes", "Exited (0) 5 seconds ago", "Created".</summary>
    static string StatusText(ContainerRunState s) => s.Status switch
    {
        "running" => "Up " + Human(DateTime.UtcNow - (s.StartedAt ?? DateTime.UtcNow)) + HealthSuffix(s.Health),
        "paused" => "Up " + Human(DateTime.UtcNow - (s.StartedAt ?? DateTime.UtcNow)) + " (Paused)",
        "restarting" => $"Restarting ({s.ExitCode}) {Human(DateTime.UtcNow - (s.FinishedAt ?? DateTime.UtcNow))} ago",
        "exited" => $"Exited ({s.ExitCode}) {Human(DateTime.UtcNow - (s.FinishedAt ?? DateTime.UtcNow))} ago",
        "removing" => "Removal In Progress",
        "dead" => "Dead",
        _ => "Created",
    };

    /// <summary>" (healthy)", " (health: starting)", " (unhealthy)" after "Up ...", as Docker writes them.</summary>
    static string HealthSuffix(Cais.Api.Models.Containers.Health? health) => health?.Status switch
    {
        "starting" => " (health: starting)",
        "healthy" => " (healthy)",
        "unhealthy" => " (unhealthy)",
        _ => "",
    };

    /// <summary>go-units HumanDuration.</summary>
    static string Human(TimeSpan d)
    {
        double seconds = d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds < 2) return "1 second";
        if (seconds < 60) return $"{(int)seconds} seconds";
        double minutes = d.TotalMinutes;
        if (minutes < 2) return "About a minute";
        if (minutes < 60) return $"{(int)minutes} minutes";
        double hours = d.TotalHours;
        if ((int)Math.Round(hours) == 1) return "About an hour";
        if (hours < 48) return $"{(int)hours} hours";
        if (hours < 24 * 7 * 2) return $"{(int)(hours / 24)} days";
        if (hours < 24 * 30 * 2) return $"{(int)(hours / 24 / 7)} weeks";
        if (hours < 24 * 365 * 2) return $"{(int)(hours / 24 / 30)} months";
        return $"{(int)(hours / 24 / 365)} years";
    }
}
