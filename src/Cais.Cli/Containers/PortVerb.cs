using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais port CONTAINER [PRIVATE_PORT[/PROTO]]`: the published ports from the container's
/// NetworkSettings.Ports ("80/tcp -> 0.0.0.0:8080"). A container without published ports
/// prints nothing.
/// </summary>
public static class PortVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "port");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", ArgumentCount.Between(1, 2));
        return VerbRunner.Run(cli, usage, args, async rest =>
        {
            var container = await cli.Client.InspectContainerAsync(rest[0]);
            var ports = container.NetworkSettings?.Ports ?? [];
            var lines = new List<string>();
            if (rest.Count > 1)
            {
                var requested = rest[1];
                var slash = requested.IndexOf('/', StringComparison.Ordinal);
                var port = slash < 0 ? requested : requested[..slash];
                var protocol = slash < 0 || slash == requested.Length - 1 ? "tcp" : requested[(slash + 1)..];
                if (!ushort.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                    throw new CommandException($"Error: invalid port ({port}): strconv.ParseUint: parsing \"{port}\": invalid syntax");
                if (!ports.TryGetValue($"{port}/{protocol}", out var bindings) || bindings is not { Count: > 0 })
                    throw new CommandException($"Error: No public port '{requested}' published for {rest[0]}");
                lines.AddRange(bindings.Select(b => PortsText.HostPort(b.HostIp, b.HostPort)));
            }
            else
            {
                foreach (var (from, bindings) in ports)
                    foreach (var b in bindings ?? [])
                        lines.Add($"{from} -> {PortsText.HostPort(b.HostIp, b.HostPort)}");
            }
            lines.Sort(NaturalOrder.Instance);
            if (lines.Count > 0)
                cli.Out.WriteLine(string.Join('\n', lines));
            return 0;
        });
    }
}
