using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// docker's parallelOperation: one operation per named container, run together (stopping ten
/// containers takes one stop timeout, not ten), with the results reported in the order the
/// names were given: the name on stdout for a success, the daemon's error on stderr otherwise.
/// </summary>
public static class ForEachContainer
{
    /// <summary>At most this many operations at once, as docker limits them.</summary>
    const int Parallelism = 50;

    /// <param name="ignoreNotFound">rm -f: a missing container is reported but is no failure.</param>
    public static async Task<int> RunAsync(DaemonCli cli, IReadOnlyList<string> containers, Func<string, Task> operation, bool ignoreNotFound = false)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        var tasks = containers.Select(async name =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var trimmed = name.Trim('/');
                if (trimmed.Length == 0) throw new InvalidOptionException("Container name cannot be empty");
                await operation(trimmed).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        int status = 0;
        for (int i = 0; i < containers.Count; i++)
        {
            try
            {
                await tasks[i].ConfigureAwait(false);
                cli.Out.WriteLine(containers[i]);
            }
            catch (EngineApiException e)
            {
                cli.Error.WriteLine($"Error response from daemon: {e.Message}");
                if (!(ignoreNotFound && e.IsNotFound)) status = 1;
            }
            catch (InvalidOptionException e)
            {
                cli.Error.WriteLine(e.Message);
                status = 1;
            }
        }
        return status;
    }
}
