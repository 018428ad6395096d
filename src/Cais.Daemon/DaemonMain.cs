using System.Runtime.InteropServices;
using Cais.Api.Hosting;
using Cais.CommandLine;
using Cais.Engine.Errors;
using Cais.Linux;
using Microsoft.Extensions.Logging;

namespace Cais.Daemon;

/// <summary>
/// <c>cais daemon</c>: parse the options, start the daemon, serve until SIGTERM or SIGINT, stop
/// gracefully. Exit status 0 after a clean stop, 1 when the daemon cannot start, 125 for a bad
/// command line.
/// </summary>
public static class DaemonMain
{
    public static int Run(string[] args)
    {
        DaemonInvocation invocation;
        try
        {
            invocation = DaemonConfiguration.Parse(args);
        }
        catch (HelpRequestedException)
        {
            Console.Out.Write(DaemonConfiguration.Usage());
            return 0;
        }
        catch (FlagException e)
        {
            Console.Error.WriteLine($"cais daemon: {e.Message}\nSee 'cais daemon --help'.");
            return 125;
        }
        catch (Exception e) when (e is InvalidParameterException or FormatException)
        {
            Console.Error.WriteLine($"cais daemon: {e.Message}");
            return 1;
        }
        if (invocation.PrintVersion)
        {
            Console.Out.WriteLine($"cais version {ServerIdentity.Version}, build {ServerIdentity.GitCommit}");
            return 0;
        }
        if (invocation.ValidateOnly)
        {
            Console.Out.WriteLine("configuration OK");
            return 0;
        }
        return Serve(invocation.Options);
    }

    static int Serve(DaemonOptions options)
    {
        // Whatever the daemon inherited beyond stdio (a shell's or a supervisor's pipes) is not
        // for its monitors and containers: a monitor living for weeks would hold it open.
        Fds.CloseOnExecFrom(3);
        var stop = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true; // the daemon stops itself, gracefully
            stop.TrySetResult(signal.Signal);
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        DaemonHost host;
        try
        {
            host = DaemonHost.StartAsync(options).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // Expected failures (another daemon, a bad option, a path it may not use) say so in
            // one line; anything else shows where it came from.
            bool expected = e is DaemonAlreadyRunningException or InvalidParameterException or SyscallException
                or IOException or UnauthorizedAccessException;
            Console.Error.WriteLine($"failed to start daemon: {(expected || !options.Debug ? e.Message : e.ToString())}");
            return 1;
        }
        var logger = host.Server.Logger;
        host.Engine.WarmMonitors(); // so the first `run` already finds a monitor past its start-up
        var signal = stop.Task.GetAwaiter().GetResult();
        logger.LogInformation("Processing signal '{Signal}'", signal == PosixSignal.SIGTERM ? "terminated" : "interrupt");
        host.StopAsync().GetAwaiter().GetResult();
        logger.LogInformation("Daemon shutdown complete");
        return 0;
    }
}
