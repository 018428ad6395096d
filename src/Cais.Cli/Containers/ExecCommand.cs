using Cais.Api.Client;
using Cais.Api.Models.Exec;
using Cais.Cli.Containers.Options;
using Cais.Cli.Daemon;
using Cais.Cli.Terminal;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais exec`: a new process in a running container. Attached (the default) it streams like
/// run and exits with the process's exit code, read from the exec's inspect; -d starts it and
/// returns at once.
/// </summary>
public static class ExecCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", interspersed: false);
        var f = verb.Flags;
        var detachKeys = f.String("detach-keys", null, "", "Override the key sequence for detaching a container");
        var interactive = f.Bool("interactive", 'i', "Keep STDIN open even if not attached");
        var tty = f.Bool("tty", 't', "Allocate a pseudo-TTY");
        var detach = f.Bool("detach", 'd', "Detached mode: run command in the background");
        var user = f.String("user", 'u', "", "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
        var privileged = f.Bool("privileged", null, "Give extended privileges to the command");
        var env = f.Checked("env", 'e', "Set environment variables", s => KeyValueFiles.ValidateEnv(s, Environment.GetEnvironmentVariable));
        var envFile = f.Strings("env-file", null, "Read in a file of environment variables");
        var workdir = f.String("workdir", 'w', "", "Working directory inside the container");
        if (verb.Parse(cli, args, ArgCount.AtLeast(2), out var status) is not { } rest) return status;
        return LifecycleRunner.Run(cli, async () =>
        {
            var request = new ExecCreateRequest
            {
                User = user.Value,
                Privileged = privileged.Value,
                Tty = tty.Value,
                Cmd = [.. rest.Skip(1)],
                WorkingDir = workdir.Value,
                Env = KeyValueFiles.ReadEnv(envFile.Value, env.Value, Environment.GetEnvironmentVariable),
                AttachStdin = !detach.Value && interactive.Value,
                AttachStdout = !detach.Value,
                AttachStderr = !detach.Value,
                DetachKeys = detachKeys.Value,
                ConsoleSize = tty.Value ? ClientTerminal.ConsoleSize() : null,
            };
            return await ExecAsync(cli, rest[0], request, detach.Value).ConfigureAwait(false);
        });
    }

    static async Task<int> ExecAsync(DaemonCli cli, string container, ExecCreateRequest request, bool detach)
    {
        // An inspect first, so a missing container is reported before anything is created.
        await cli.Client.InspectContainerAsync(container).ConfigureAwait(false);
        if (!detach && request.AttachStdin && request.Tty && !ClientTerminal.StdinIsTerminal)
        {
            cli.Error.WriteLine("the input device is not a TTY");
            return 1;
        }
        var keys = ContainerSession.DetachKeyBytes(request.DetachKeys);
        var created = await cli.Client.CreateExecAsync(container, request).ConfigureAwait(false);
        var start = new ExecStartRequest { Tty = request.Tty, ConsoleSize = request.ConsoleSize };
        if (detach)
        {
            await cli.Client.StartExecDetachedAsync(created.Id, start).ConfigureAwait(false);
            return 0;
        }
        await using var connection = await cli.Client.StartExecAsync(created.Id, start).ConfigureAwait(false);
        using var terminal = request.Tty && request.AttachStdin ? RawTerminal.Enter() : null;
        var streams = new AttachedStreams
        {
            Connection = connection,
            Tty = request.Tty,
            Input = request.AttachStdin ? ClientStreams.Stdin : null,
            Output = ClientStreams.Stdout,
            Error = request.Tty ? ClientStreams.Stdout : ClientStreams.Stderr,
            DetachKeys = keys,
            Terminal = terminal,
        };
        var streaming = streams.RunAsync();
        using var resize = request.Tty && ClientTerminal.StdinIsTerminal
            ? ResizeMonitor.Start((h, w) => cli.Client.ResizeExecAsync(created.Id, h, w), cli.Error)
            : null;
        if (await streaming.ConfigureAwait(false) == AttachEnd.Detached)
        {
            cli.Error.WriteLine("read escape sequence");
            return 1;
        }
        terminal?.Restore();
        return await ExitCodeAsync(cli, created.Id).ConfigureAwait(false);
    }

    /// <summary>
    /// The process's exit code from the exec's inspect; -1 (255) when the daemon is gone, as
    /// docker. The output can end a moment before the daemon has recorded the exit, so a
    /// still-running exec is asked again for a short while.
    /// </summary>
    static async Task<int> ExitCodeAsync(DaemonCli cli, string execId)
    {
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var inspect = await cli.Client.InspectExecAsync(execId).ConfigureAwait(false);
                if (inspect.ExitCode is { } code && !inspect.Running) return code;
                if (attempt >= 200) return inspect.ExitCode ?? 0;
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
        catch (DaemonConnectionException)
        {
            return -1;
        }
    }
}
