using System.Runtime.InteropServices;

namespace Cais.Cli.Containers;

/// <summary>
/// --sig-proxy: while the client is attached to a container without a TTY, the signals it
/// receives (ctrl-c's SIGINT, a SIGTERM from a supervisor, ...) are sent to the container
/// instead of ending the client, which ends when the container does. With a TTY the terminal
/// itself carries ctrl-c to the container, so no proxy is used.
/// </summary>
public sealed class SignalProxy : IDisposable
{
    // .NET names the common signals; others are given by number (SIGUSR1 10, SIGUSR2 12), which it accepts cast to PosixSignal.
    static readonly (PosixSignal Signal, string Name)[] Forwarded =
    [
        (PosixSignal.SIGHUP, "SIGHUP"), (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGQUIT, "SIGQUIT"),
        ((PosixSignal)10, "SIGUSR1"), ((PosixSignal)12, "SIGUSR2"), (PosixSignal.SIGTERM, "SIGTERM"),
    ];

    readonly List<PosixSignalRegistration> registrations = [];

    /// <param name="send">Delivers a signal (by name) to the container; failures are ignored, as docker ignores them.</param>
    public SignalProxy(Func<string, Task> send)
    {
        foreach (var (signal, name) in Forwarded)
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _ = SendQuietly(send, name);
            }));
        }
    }

    static async Task SendQuietly(Func<string, Task> send, string signal)
    {
        try
        {
            await send(signal).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or Cais.Api.Client.EngineApiException or HttpRequestException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        registrations.Clear();
    }
}
