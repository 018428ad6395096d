using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// Verbs that act on each named container in turn (pause, unpause, update): the name is printed
/// for each success, each failure is reported after the others ran, and any failure makes the
/// exit status 1, as docker does.
/// </summary>
public static class ForEachContainer
{
    public static async Task<int> RunAsync(DaemonCli cli, IReadOnlyList<string> names, Func<string, Task> action)
    {
        var errors = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await action(name);
                cli.Out.WriteLine(name);
            }
            catch (EngineApiException e)
            {
                errors.Add($"Error response from daemon: {e.Message}");
            }
        }
        foreach (var error in errors)
            cli.Error.WriteLine(error);
        return errors.Count == 0 ? 0 : 1;
    }
}
