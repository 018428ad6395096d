using Cais.Api.Models.Containers;
using Cais.Cli.Containers.Options;

namespace Cais.Cli.Containers;

/// <summary>
/// Turns the parsed run/create flags, the image and the command into the body of
/// <c>POST /containers/create</c>, the way docker's opts.parse does: what the flags leave unset
/// stays unset (the daemon and the image decide), and combinations docker refuses are refused
/// here with its words (<see cref="InvalidOptionException"/>).
/// </summary>
public static class ContainerRequestBuilder
{
    public static ContainerCreateRequest Build(ContainerFlags o, string image, IReadOnlyList<string> command, uint[]? consoleSize = null)
    {
        bool attachStdin = o.Attach.Value.Contains("stdin") || o.Interactive.Value;
        bool attachAll = o.Attach.Value.Count == 0;
        var ports = new PortSpecs();
        foreach (var p in o.Publish.Value) ports.Publish(p);
        foreach (var e in o.Expose.Value) ports.Expose(e);
        var (binds, anonymousVolumes) = SplitVolumes(o.Volumes.Value);

        var request = new ContainerCreateRequest
        {
            Image = image,
            Cmd = command.Count > 0 ? [.. command] : null,
            Entrypoint = o.Entrypoint.Value.Length > 0 ? [o.Entrypoint.Value] : o.Entrypoint.IsSet ? [""] : null,
            Hostname = o.Hostname.Value,
            Domainname = o.Domainname.Value,
            User = o.User.Value,
            WorkingDir = o.Workdir.Value,
            Tty = o.Tty.Value,
            OpenStdin = o.Interactive.Value,
            AttachStdin = attachStdin,
            AttachStdout = attachAll || o.Attach.Value.Contains("stdout"),
            AttachStderr = attachAll || o.Attach.Value.Contains("stderr"),
            // Stdin attached at create time is closed when that client goes (docker run -i).
            StdinOnce = o.Interactive.Value && attachStdin,
            Env = KeyValueFiles.ReadEnv(o.EnvFile.Value, o.Env.Value, o.ClientEnvironment),
            Labels = KeyValueFiles.ToMap(KeyValueFiles.ReadLabels(o.LabelFile.Value, o.Labels.Value)),
            ExposedPorts = ports.Exposed.Count > 0 ? ports.Exposed : null,
            Volumes = anonymousVolumes.Count > 0 ? anonymousVolumes : null,
            MacAddress = o.MacAddress.Value.Length > 0 ? o.MacAddress.Value : null,
            Healthcheck = HealthCheck(o),
            StopSignal = o.StopSignal.IsSet ? o.StopSignal.Value : null,
            StopTimeout = o.StopTimeout.IsSet ? o.StopTimeout.Value : null,
            HostConfig = HostConfigBuilder.Build(o, binds, ports, consoleSize),
            NetworkingConfig = NetworkingBuilder.Build(o),
        };
        if (request.HostConfig.AutoRemove && !RestartPolicyOption.IsNone(request.HostConfig.RestartPolicy))
            throw new InvalidOptionException("conflicting options: cannot specify both --restart and --rm");
        return request;
    }

    /// <summary>-v: a spec with a source (host path or volume name) is a bind; a bare path is an anonymous volume.</summary>
    static (List<string> Binds, Dictionary<string, EmptyObject> Anonymous) SplitVolumes(IReadOnlyList<string> specs)
    {
        var binds = new List<string>();
        var anonymous = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (spec.Length == 0) throw new InvalidOptionException("invalid empty volume spec");
            if (spec.Contains(':', StringComparison.Ordinal)) binds.Add(spec);
            else anonymous[spec] = new EmptyObject();
        }
        return (binds, anonymous);
    }

    static HealthConfig? HealthCheck(ContainerFlags o)
    {
        bool any = o.HealthCmd.Value.Length > 0 || o.HealthInterval.Value != 0 || o.HealthTimeout.Value != 0
            || o.HealthStartPeriod.Value != 0 || o.HealthStartInterval.Value != 0 || o.HealthRetries.Value != 0;
        if (o.NoHealthcheck.Value)
        {
            if (any) throw new InvalidOptionException("--no-healthcheck conflicts with --health-* options");
            return new HealthConfig { Test = ["NONE"] };
        }
        if (!any) return null;
        if (o.HealthInterval.Value < 0) throw new InvalidOptionException("--health-interval cannot be negative");
        if (o.HealthTimeout.Value < 0) throw new InvalidOptionException("--health-timeout cannot be negative");
        if (o.HealthRetries.Value < 0) throw new InvalidOptionException("--health-retries cannot be negative");
        if (o.HealthStartPeriod.Value < 0) throw new InvalidOptionException("--health-start-period cannot be negative");
        if (o.HealthStartInterval.Value < 0) throw new InvalidOptionException("--health-start-interval cannot be negative");
        return new HealthConfig
        {
            Test = o.HealthCmd.Value.Length > 0 ? ["CMD-SHELL", o.HealthCmd.Value] : null,
            Interval = o.HealthInterval.Value,
            Timeout = o.HealthTimeout.Value,
            StartPeriod = o.HealthStartPeriod.Value,
            StartInterval = o.HealthStartInterval.Value,
            Retries = o.HealthRetries.Value,
        };
    }
}
