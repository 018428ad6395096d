using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>How many positional arguments a verb takes, worded as docker words a wrong count.</summary>
public readonly record struct ArgCount(int Min, int? Max)
{
    public static ArgCount None => new(0, 0);
    public static ArgCount Exactly(int n) => new(n, n);
    public static ArgCount AtLeast(int n) => new(n, null);

    public string? Check(string command, int count)
    {
        static string Arguments(int n) => n == 1 ? "argument" : "arguments";
        if (Max == 0 && count > 0) return $"'cais {command}' accepts no arguments";
        if (Max == Min && count != Min) return $"'cais {command}' requires {Min} {Arguments(Min)}";
        if (count < Min) return $"'cais {command}' requires at least {Min} {Arguments(Min)}";
        if (Max is { } max && count > max) return $"'cais {command}' requires at most {max} {Arguments(max)}";
        return null;
    }
}

/// <summary>
/// One verb's command line: its flags, its usage line and summary for --help, and docker's
/// answers to mistakes: a bad flag prints the error and the usage line and exits 125, a wrong
/// number of arguments exits 1, --help prints the usage and exits 0.
/// </summary>
public sealed class VerbCommandLine
{
    public VerbCommandLine(string name, string usage, string summary, bool interspersed = true)
    {
        Name = name;
        Usage = usage;
        Summary = summary;
        Flags = new FlagSet(name) { Interspersed = interspersed };
    }

    public string Name { get; }

    /// <summary>What follows "cais NAME" in the usage line: "[OPTIONS] CONTAINER [CONTAINER...]".</summary>
    public string Usage { get; }

    public string Summary { get; }

    public FlagSet Flags { get; }

    /// <summary>
    /// Parses <paramref name="args"/>. Returns the positional arguments, or null when the verb
    /// must stop here with <paramref name="status"/> (help shown, or a mistake reported).
    /// </summary>
    public IReadOnlyList<string>? Parse(DaemonCli cli, IReadOnlyList<string> args, ArgCount count, out int status)
    {
        status = 0;
        IReadOnlyList<string> rest;
        try
        {
            rest = Flags.Parse(args);
        }
        catch (HelpRequestedException)
        {
            cli.Out.Write(Help());
            return null;
        }
        catch (FlagException e)
        {
            status = FlagError(cli.Error, e.Message);
            return null;
        }
        foreach (var warning in Flags.Warnings) cli.Error.WriteLine(warning);
        if (count.Check(Name, rest.Count) is { } problem)
        {
            cli.Error.Write($"cais: {problem}\n\nUsage:  cais {Name} {Usage}\n\nSee 'cais {Name} --help' for more information\n");
            status = 1;
            return null;
        }
        return rest;
    }

    /// <summary>docker's report of a bad flag; exit status 125.</summary>
    public int FlagError(TextWriter error, string message)
    {
        error.Write($"{message}\n\nUsage:  cais {Name} {Usage}\n\nRun 'cais {Name} --help' for more information\n");
        return CommandErrors.UsageStatus;
    }

    /// <summary>docker's report of a failure of run or create: "cais: MESSAGE" and the help hint; exit status 125 unless given.</summary>
    public int Failure(TextWriter error, string message, int status = CommandErrors.UsageStatus)
    {
        error.Write($"cais: {message}\n\nRun 'cais {Name} --help' for more information\n");
        return status;
    }

    public string Help() => $"Usage:  cais {Name} {Usage}\n\n{Summary}\n\nOptions:\n{Flags.Usage()}";
}
