using Cais.Api.Client;
using Cais.Api.Client.Connection;

namespace Cais.Cli.Daemon;

/// <summary>
/// What every verb that talks to the daemon shares: the connection flags (-H, --tls...), the
/// client built from them on first use, the output streams, and docker's way of reporting a
/// failure (the daemon's message after "Error response from daemon: ").
/// </summary>
public sealed class DaemonCli(ConnectionFlags connection, string dataRoot) : IDisposable
{
    EngineClient? client;

    public ConnectionFlags Connection { get; } = connection;

    /// <summary>The data root of in-process commands (`image bootstrap`), as `--data-root` says.</summary>
    public string DataRoot { get; } = dataRoot;

    /// <summary>Whether the command line named the data root (--data-root), rather than CAIS_DATA_ROOT or the default.</summary>
    public bool DataRootGiven { get; init; }

    /// <summary>The roles of caisd (`image bootstrap` is one), served in this process or handed over.</summary>
    public required IEngineRoles Engine { get; init; }

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>
    /// The client for the chosen daemon; a malformed -H/DOCKER_HOST throws FormatException. The
    /// first use starts a local daemon when the default socket has none (see <see cref="DaemonAutostart"/>).
    /// </summary>
    public EngineClient Client => client ??= Connect();

    EngineClient Connect()
    {
        var endpoint = DaemonEndpointResolver.Resolve(Connection);
        DaemonAutostart.For(endpoint, DataRoot)?.EnsureRunning(Error);
        return new EngineClient(endpoint, new EngineClientOptions { UserAgent = $"cais-cli/{CaisMain.Version}" });
    }

    /// <summary>
    /// Runs a verb and turns its failures into docker's output and exit codes: a daemon error is
    /// "Error response from daemon: MESSAGE" with <paramref name="daemonErrorStatus"/> (1, or
    /// 125 for run and create), an unreachable daemon is its own message and 1.
    /// </summary>
    public int Run(Func<Task<int>> verb, int daemonErrorStatus = 1)
    {
        try
        {
            return verb().GetAwaiter().GetResult();
        }
        catch (EngineApiException e)
        {
            Error.WriteLine($"Error response from daemon: {e.Message}");
            return daemonErrorStatus;
        }
        catch (DaemonConnectionException e)
        {
            Error.WriteLine(e.Message);
            return 1;
        }
        catch (Cais.CommandLine.FlagException e)
        {
            Error.WriteLine(e.Message);
            return CommandErrors.UsageStatus;
        }
        catch (FormatException e)
        {
            Error.WriteLine(e.Message);
            return daemonErrorStatus;
        }
    }

    public void Dispose() => client?.Dispose();
}
