using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>Repeatable flags whose every value is checked (and possibly converted) as it is given, as docker's ListOpts with a validator.</summary>
public static class FlagLists
{
    /// <summary>
    /// A repeatable flag collecting <paramref name="parse"/>'s result for each occurrence; a
    /// FormatException from it becomes pflag's "invalid argument" error.
    /// </summary>
    public static Flag<IReadOnlyList<T>> Checked<T>(this FlagSet flags, string name, char? shorthand, string usage,
        Func<string, T> parse, string typeName = "list", string? defaultText = null)
    {
        var values = new List<T>();
        return flags.Custom<IReadOnlyList<T>>(name, shorthand, values, typeName, usage, text =>
        {
            values.Add(parse(text));
            return values;
        }, _ => defaultText);
    }

    /// <summary>A repeatable flag of plain strings (docker's ListOpts without a validator).</summary>
    public static Flag<IReadOnlyList<string>> Strings(this FlagSet flags, string name, char? shorthand, string usage) =>
        flags.Checked(name, shorthand, usage, static s => s);

    /// <summary>A flag holding a size in bytes (docker's MemBytes), 0 when not given.</summary>
    public static Flag<long> Bytes(this FlagSet flags, string name, char? shorthand, string usage, Func<string, long>? parse = null) =>
        flags.Custom(name, shorthand, 0L, "bytes", usage, parse ?? Options.ByteSizes.Parse, static v => v == 0 ? null : v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A Go duration flag, in nanoseconds; usage shows "(default 0s)" as docker's does.</summary>
    public static Flag<long> Duration(this FlagSet flags, string name, string usage) =>
        flags.Custom(name, null, 0L, "duration", usage, Options.GoDuration.ParseNanoseconds, Options.GoDuration.Format);
}
