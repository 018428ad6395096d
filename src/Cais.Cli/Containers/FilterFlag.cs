using Cais.Api.Client.Queries;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>The repeatable --filter/-f flag of list, prune and events verbs: "name=value" each.</summary>
public static class FilterFlag
{
    public static Flag<IReadOnlyList<string>> Declare(FlagSet flags, char? shorthand = 'f', string usage = "Filter output based on conditions provided") =>
        flags.StringList("filter", shorthand, usage);

    /// <summary>The filters given; a value without '=' is pflag's "invalid argument" error, as docker reports it.</summary>
    public static Filters? Parse(Flag<IReadOnlyList<string>> flag)
    {
        if (flag.Value.Count == 0) return null;
        var filters = new Filters();
        var name = flag.Shorthand is { } c ? $"-{c}, --{flag.Name}" : $"--{flag.Name}";
        foreach (var value in flag.Value)
        {
            if (value.IndexOf('=', StringComparison.Ordinal) <= 0)
                throw new FlagException($"invalid argument \"{value}\" for \"{name}\" flag: bad format of filter (expected name=value)");
            filters.AddArgument(value);
        }
        return filters;
    }
}
