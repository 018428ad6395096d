using Cais.Api.Client;
using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Terminal;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais run`: create, attach (before the start, so no output is missed), wait for the next exit
/// (or the removal, with --rm), start, then stream until the process ends and exit with its
/// status, as docker run does. -d prints the ID and leaves the container running.
/// </summary>
public static class RunCommand
{
    sealed record Options(ContainerFlags Container, Flag<bool> Detach, Flag<bool> SigProxy, Flag<string> DetachKeys);

    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", interspersed: false);
        var f = verb.Flags;
        var options = new Options(
            new ContainerFlags(f),
            f.Bool("detach", 'd', "Run container in background and print container ID"),
            f.Bool("sig-proxy", null, "Proxy received signals to the process", defaultValue: true),
            f.String("detach-keys", null, "", "Override the key sequence for detaching a container"));
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } rest) return status;
        return RunAsync(cli, verb, options, rest[0], rest.Skip(1).ToList()).GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync(DaemonCli cli, VerbCommandLine verb, Options o, string image, IReadOnlyList<string> command)
    {
        ContainerCreateRequest request;
        try
        {
            var consoleSize = o.Container.Tty.Value ? ClientTerminal.ConsoleSize() : null;
            request = ContainerRequestBuilder.Build(o.Container, image, command, consoleSize: consoleSize);
        }
        catch (InvalidOptionException e)
        {
            return verb.Failure(cli.Error, e.Message);
        }
        if (o.Detach.Value)
        {
            if (o.Container.Attach.Value.Count > 0)
            {
                cli.Error.WriteLine("conflicting options: cannot specify both --attach and --detach");
                return 1;
            }
            request.AttachStdin = request.AttachStdout = request.AttachStderr = request.StdinOnce = false;
        }
        else if (request.AttachStdin && request.Tty && !ClientTerminal.StdinIsTerminal)
        {
            cli.Error.WriteLine("the input device is not a TTY");
            return 1;
        }

        string id;
        try
        {
            id = await ContainerCreator.CreateAsync(cli, request, o.Container.Name.Value, o.Container.Platform.Value,
                o.Container.Pull.Value, o.Container.Quiet.Value, o.Container.ContainerIdFile.Value).ConfigureAwait(false);
        }
        catch (Exception e) when (DaemonFailure(e) is { } message)
        {
            return verb.Failure(cli.Error, message);
        }
        try
        {
            return await StartAndFollowAsync(cli, verb, o, request, id).ConfigureAwait(false);
        }
        catch (Exception e) when (DaemonFailure(e) is { } message)
        {
            return verb.Failure(cli.Error, message);
        }
    }

    static async Task<int> StartAndFollowAsync(DaemonCli cli, VerbCommandLine verb, Options o, ContainerCreateRequest request, string id)
    {
        bool autoRemove = request.HostConfig!.AutoRemove;
        using var signals = o.SigProxy.Value && !request.Tty && !o.Detach.Value
            ? new SignalProxy(signal => cli.Client.KillContainerAsync(id, signal))
            : null;
        bool showsOutput = request.AttachStdout || request.AttachStderr;
        if (!showsOutput) cli.Out.WriteLine(id);
        bool attach = request.AttachStdin || showsOutput;
        await using var session = attach
            ? await ContainerSession.AttachAsync(cli, id, new AttachRequest(request.Tty, request.AttachStdin, request.AttachStdout,
                request.AttachStderr, o.DetachKeys.Value)).ConfigureAwait(false)
            : null;
        // The wait is accepted before the start, so even an instant exit is seen.
        var exit = await cli.Client.BeginWaitContainerAsync(id, autoRemove ? "removed" : "next-exit").ConfigureAwait(false);
        try
        {
            await cli.Client.StartContainerAsync(id).ConfigureAwait(false);
        }
        catch (EngineApiException e)
        {
            if (session is not null) await session.AbortAsync().ConfigureAwait(false);
            verb.Failure(cli.Error, $"Error response from daemon: {e.Message}");
            if (autoRemove) await IgnoreFailure(exit).ConfigureAwait(false);
            return StartErrorStatus.For(e.Message);
        }
        if (session is null) return 0;
        session.MonitorSize(cli, id);
        if (await session.Streaming.ConfigureAwait(false) == AttachEnd.Detached) return 0;
        if (!showsOutput) return 0;
        return await ExitStatusAsync(cli, exit).ConfigureAwait(false);
    }

    /// <summary>The container's exit code from the wait; docker's 125 when the wait itself failed.</summary>
    internal static async Task<int> ExitStatusAsync(DaemonCli cli, Task<ContainerWaitResponse> exit)
    {
        ContainerWaitResponse result;
        try
        {
            result = await exit.ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineApiException or IOException)
        {
            cli.Error.WriteLine($"Error waiting for container: {e.Message}");
            return StartErrorStatus.DaemonFailure;
        }
        if (result.Error is { Message.Length: > 0 } error)
        {
            cli.Error.WriteLine($"Error waiting for container: {error.Message}");
            return StartErrorStatus.DaemonFailure;
        }
        return (int)result.StatusCode;
    }

    static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineApiException or IOException)
        {
        }
    }

    /// <summary>What docker prints after "docker: " for a failure of the daemon or of the options.</summary>
    internal static string? DaemonFailure(Exception e) => e switch
    {
        EngineApiException api => $"Error response from daemon: {api.Message}",
        Api.Models.Streams.DaemonStreamErrorException stream => $"Error response from daemon: {stream.DaemonMessage}",
        IOException io => io.Message,
        InvalidOptionException option => option.Message,
        FormatException format => format.Message,
        _ => null,
    };
}
