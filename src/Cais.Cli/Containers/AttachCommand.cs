using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Terminal;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais attach`: our stdin, stdout and stderr joined to a running container's until it exits
/// (then its exit code is ours) or the user types the detach keys (docker's "read escape
/// sequence", status 1, the container still running).
/// </summary>
public static class AttachCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container");
        var f = verb.Flags;
        var noStdin = f.Bool("no-stdin", null, "Do not attach STDIN");
        var sigProxy = f.Bool("sig-proxy", null, "Proxy all received signals to the process", defaultValue: true);
        var detachKeys = f.String("detach-keys", null, "", "Override the key sequence for detaching a container");
        if (verb.Parse(cli, args, ArgCount.Exactly(1), out var status) is not { } rest) return status;
        return LifecycleRunner.Run(cli, () => AttachAsync(cli, rest[0], !noStdin.Value, sigProxy.Value, detachKeys.Value));
    }

    static async Task<int> AttachAsync(DaemonCli cli, string container, bool stdin, bool sigProxy, string detachKeys)
    {
        // Waiting first (for the container to stop) catches an exit that happens while we attach.
        var exit = await cli.Client.BeginWaitContainerAsync(container).ConfigureAwait(false);
        var c = await cli.Client.InspectContainerAsync(container).ConfigureAwait(false);
        if (StateProblem(c.State) is { } problem)
        {
            cli.Error.WriteLine(problem);
            return 1;
        }
        var config = c.Config ?? new ContainerConfig();
        if (stdin && config.Tty && !ClientTerminal.StdinIsTerminal)
        {
            cli.Error.WriteLine("the input device is not a TTY");
            return 1;
        }
        using var signals = sigProxy && !config.Tty ? new SignalProxy(signal => cli.Client.KillContainerAsync(c.Id, signal)) : null;
        await using var session = await ContainerSession.AttachAsync(cli, c.Id,
            new AttachRequest(config.Tty, stdin && config.OpenStdin, Stdout: true, Stderr: true, detachKeys)).ConfigureAwait(false);
        session.MonitorSize(cli, c.Id);
        if (await session.Streaming.ConfigureAwait(false) == AttachEnd.Detached)
        {
            cli.Error.WriteLine("read escape sequence");
            return 1;
        }
        return await RunCommand.ExitStatusAsync(cli, exit).ConfigureAwait(false);
    }

    static string? StateProblem(ContainerState? state) => state switch
    {
        null or { Running: false } => "You cannot attach to a stopped container, start it first",
        { Paused: true } => "You cannot attach to a paused container, unpause it first",
        { Restarting: true } => "You cannot attach to a restarting container, wait until it is running",
        _ => null,
    };
}
