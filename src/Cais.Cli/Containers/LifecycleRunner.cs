using Cais.Api.Client;
using Cais.Api.Models.Streams;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// Runs a verb's work through <see cref="DaemonCli.Run"/> (daemon errors, an unreachable daemon)
/// and reports the failures it does not know in docker's words: wrong options, an error frame in
/// a stream, a connection broken in the middle of a stream.
/// </summary>
public static class LifecycleRunner
{
    public static int Run(DaemonCli cli, Func<Task<int>> body, int daemonErrorStatus = 1) =>
        cli.Run(async () =>
        {
            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (InvalidOptionException e)
            {
                cli.Error.WriteLine(e.Message);
                return 1;
            }
            catch (DaemonStreamErrorException e)
            {
                cli.Error.WriteLine($"Error response from daemon: {e.DaemonMessage}");
                return 1;
            }
            catch (IOException e) when (e is not DaemonConnectionException)
            {
                cli.Error.WriteLine($"error during connect: {e.Message}");
                return 1;
            }
        }, daemonErrorStatus);
}
