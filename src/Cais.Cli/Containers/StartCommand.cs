using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais start`: starts each container and prints the name given; failures are reported one by
/// one and summed up at the end. With -a or -i it starts one container attached, as `run` would.
/// </summary>
public static class StartCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers");
        var f = verb.Flags;
        var attach = f.Bool("attach", 'a', "Attach STDOUT/STDERR and forward signals");
        var interactive = f.Bool("interactive", 'i', "Attach container's STDIN");
        var detachKeys = f.String("detach-keys", null, "", "Override the key sequence for detaching a container");
        f.String("checkpoint", null, "", "Restore from this checkpoint").Hide();
        f.String("checkpoint-dir", null, "", "Use a custom checkpoint storage directory").Hide();
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } containers) return status;
        if (!attach.Value && !interactive.Value) return LifecycleRunner.Run(cli, () => StartAllAsync(cli, containers));
        if (containers.Count > 1)
        {
            cli.Error.WriteLine("you cannot start and attach multiple containers at once");
            return 1;
        }
        return LifecycleRunner.Run(cli, () => StartAttachedAsync(cli, containers[0], interactive.Value, detachKeys.Value));
    }

    static async Task<int> StartAllAsync(DaemonCli cli, IReadOnlyList<string> containers)
    {
        var failed = new List<string>();
        foreach (var container in containers)
        {
            try
            {
                await cli.Client.StartContainerAsync(container).ConfigureAwait(false);
                cli.Out.WriteLine(container);
            }
            catch (EngineApiException e)
            {
                cli.Error.WriteLine($"Error response from daemon: {e.Message}");
                failed.Add(container);
            }
        }
        if (failed.Count == 0) return 0;
        cli.Error.WriteLine($"Error: failed to start containers: {string.Join(", ", failed)}");
        return 1;
    }

    static async Task<int> StartAttachedAsync(DaemonCli cli, string container, bool interactive, string detachKeys)
    {
        var c = await cli.Client.InspectContainerAsync(container).ConfigureAwait(false);
        var config = c.Config ?? new Cais.Api.Models.Containers.ContainerConfig();
        bool autoRemove = c.HostConfig?.AutoRemove ?? false;
        using var signals = config.Tty ? null : new SignalProxy(signal => cli.Client.KillContainerAsync(c.Id, signal));
        await using var session = await ContainerSession.AttachAsync(cli, c.Id,
            new AttachRequest(config.Tty, interactive && config.OpenStdin, Stdout: true, Stderr: true, detachKeys)).ConfigureAwait(false);
        var exit = await cli.Client.BeginWaitContainerAsync(c.Id, autoRemove ? "removed" : "next-exit").ConfigureAwait(false);
        try
        {
            await cli.Client.StartContainerAsync(c.Id).ConfigureAwait(false);
        }
        catch (EngineApiException)
        {
            await session.AbortAsync().ConfigureAwait(false);
            if (autoRemove)
            {
                try { await exit.ConfigureAwait(false); }
                catch (Exception e) when (e is EngineApiException or IOException) { }
            }
            throw;
        }
        session.MonitorSize(cli, c.Id);
        if (await session.Streaming.ConfigureAwait(false) == AttachEnd.Detached) return 0;
        return await RunCommand.ExitStatusAsync(cli, exit).ConfigureAwait(false);
    }
}
