using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Daemon;

/// <summary>
/// Runs one verb as the docker CLI runs its commands: flags parsed with pflag's rules, --help
/// printing usage (exit 0), a flag error or a wrong argument count reported with the usage line
/// (exit 125 and 1), then the verb's body, whose failures <see cref="DaemonCli.Run"/> turns into
/// docker's messages.
/// </summary>
public static class VerbRunner
{
    public static int Run(DaemonCli cli, VerbUsage usage, FlagSet flags, IReadOnlyList<string> args, Func<IReadOnlyList<string>, Task<int>> body)
    {
        IReadOnlyList<string> rest;
        try
        {
            rest = flags.Parse(args);
            foreach (var warning in flags.Warnings)
                cli.Error.WriteLine(warning);
        }
        catch (HelpRequestedException)
        {
            cli.Out.Write(Help(usage, flags));
            return 0;
        }
        catch (FlagException e)
        {
            return UsageError(cli, usage, e.Message, CommandErrors.UsageStatus);
        }
        if (usage.Count.Check(rest.Count) is { } countError)
            return UsageError(cli, usage, $"cais: 'cais {usage.Command}' {countError}", 1);
        try
        {
            return cli.Run(() => Guard(cli, () => body(rest)));
        }
        catch (FlagException e)
        {
            // A flag value only the verb could judge ("invalid argument ... for --filter").
            return UsageError(cli, usage, e.Message, CommandErrors.UsageStatus);
        }
    }

    /// <summary>Runs a verb without flags of its own (only --help).</summary>
    public static int Run(DaemonCli cli, VerbUsage usage, IReadOnlyList<string> args, Func<IReadOnlyList<string>, Task<int>> body) =>
        Run(cli, usage, new FlagSet(usage.Command), args, body);

    /// <summary>Turns the failures a verb words itself into output and a status; the rest is DaemonCli's.</summary>
    static async Task<int> Guard(DaemonCli cli, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CommandException e)
        {
            cli.Error.WriteLine(e.Message);
            return e.Status;
        }
        catch (TemplateException e)
        {
            cli.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static int UsageError(DaemonCli cli, VerbUsage usage, string message, int status)
    {
        cli.Error.WriteLine(message);
        cli.Error.WriteLine();
        cli.Error.WriteLine($"Usage:  {usage.UsageLine}");
        cli.Error.WriteLine();
        cli.Error.WriteLine($"Run 'cais {usage.Command} --help' for more information");
        return status;
    }

    public static string Help(VerbUsage usage, FlagSet flags)
    {
        var options = flags.Usage();
        var text = $"\nUsage:  {usage.UsageLine}\n\n{usage.Summary}\n";
        return options.Length == 0 ? text : text + $"\nOptions:\n{options}";
    }
}
