using System.Globalization;

namespace Cais.CommandLine;

/// <summary>
/// A set of flags parsed the way spf13/pflag parses them (docker's CLI), with the options runc's
/// urfave/cli needs. Register flags, call <see cref="Parse"/>, read the handles' values and
/// <see cref="Args"/>.
/// </summary>
/// <remarks>
/// Accepted syntax: <c>--name value</c>, <c>--name=value</c>, <c>-n value</c>, <c>-nvalue</c>,
/// <c>-n=value</c>; bundled shorthands (<c>-dit</c>), where the first shorthand that takes a
/// value consumes the rest of the token (<c>-itp80</c>) or else the next argument
/// (<c>-itp 80</c>); booleans take a value only after '=' (<c>--rm=false</c>). A lone <c>-</c> is
/// a positional argument, <c>--</c> ends the flags.
/// </remarks>
public sealed partial class FlagSet
{
    readonly List<Flag> _flags = [];
    readonly Dictionary<string, Flag> _long = new(StringComparer.Ordinal);
    readonly Dictionary<char, Flag> _short = [];
    readonly Dictionary<string, string> _deprecatedAliases = new(StringComparer.Ordinal);
    readonly List<string> _args = [];
    readonly List<string> _warnings = [];

    public FlagSet(string name = "") => Name = name;

    /// <summary>The command this set belongs to, for the caller's messages.</summary>
    public string Name { get; }

    /// <summary>
    /// True (pflag's default): flags may follow positional arguments. False: the first
    /// positional argument ends the flags, as <c>docker run IMAGE CMD...</c> and
    /// <c>runc exec ID CMD...</c> need.
    /// </summary>
    public bool Interspersed { get; set; } = true;

    /// <summary>
    /// Also accept long names after a single dash (<c>-bundle x</c>) and shorthands after two
    /// (<c>--b x</c>), as Go's flag package and so runc's urfave/cli do. A single-dash token whose
    /// name is a registered long name is a long flag; otherwise it is a shorthand bundle.
    /// </summary>
    public bool AllowSingleDashLong { get; set; }

    /// <summary>Usage lists flags by name (pflag's SortFlags); false keeps registration order.</summary>
    public bool SortFlags { get; set; } = true;

    /// <summary>The positional arguments, in order, after <see cref="Parse"/>.</summary>
    public IReadOnlyList<string> Args => _args;

    /// <summary>How many positional arguments came before <c>--</c>; -1 when there was none.</summary>
    public int ArgsLenAtDash { get; private set; } = -1;

    /// <summary>Deprecation warnings for flags used, in pflag's words; the caller prints them to stderr.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Every registered flag, in registration order.</summary>
    public IReadOnlyList<Flag> Flags => _flags;

    public Flag<bool> Bool(string name, char? shorthand, string usage, bool defaultValue = false)
    {
        var flag = Add(new Flag<bool>(this, name, shorthand, usage, "bool", defaultValue,
            static (_, s) => GoSyntax.ParseBool(s), static v => v ? "true" : null));
        flag.ImplicitValue = "true";
        return flag;
    }

    public Flag<string> String(string name, char? shorthand, string defaultValue, string usage) =>
        Add(new Flag<string>(this, name, shorthand, usage, "string", defaultValue,
            static (_, s) => s, static v => v.Length == 0 ? null : v, quotesDefault: true));

    public Flag<int> Int(string name, char? shorthand, int defaultValue, string usage) =>
        Add(new Flag<int>(this, name, shorthand, usage, "int", defaultValue,
            static (_, s) => (int)GoSyntax.ParseInt(s, 32), static v => v == 0 ? null : Invariant(v)));

    public Flag<long> Long(string name, char? shorthand, long defaultValue, string usage) =>
        Add(new Flag<long>(this, name, shorthand, usage, "int", defaultValue,
            static (_, s) => GoSyntax.ParseInt(s, 64), static v => v == 0 ? null : Invariant(v)));

    public Flag<uint> UInt(string name, char? shorthand, uint defaultValue, string usage) =>
        Add(new Flag<uint>(this, name, shorthand, usage, "uint", defaultValue,
            static (_, s) => (uint)GoSyntax.ParseUint(s, 32), static v => v == 0 ? null : Invariant(v)));

    /// <summary>
    /// A repeatable flag collecting every value in order (<c>-e A=1 -e B=2</c>); values are
    /// never split on commas (pflag's StringArray, docker's ListOpts).
    /// </summary>
    public Flag<IReadOnlyList<string>> StringList(string name, char? shorthand, string usage) =>
        Add(new Flag<IReadOnlyList<string>>(this, name, shorthand, usage, "list", [],
            static (current, s) => [.. current, s], static v => v.Count == 0 ? null : $"[{string.Join(",", v)}]"));

    /// <summary>
    /// A flag of any type: <paramref name="parse"/> turns one occurrence's text into the value and
    /// throws <see cref="FormatException"/> (its message ends pflag's "invalid argument" error)
    /// when the text is malformed. <paramref name="formatDefault"/> returns null for a default
    /// usage should not mention.
    /// </summary>
    public Flag<T> Custom<T>(
        string name, char? shorthand, T defaultValue, string typeName, string usage,
        Func<string, T> parse, Func<T, string?>? formatDefault = null) =>
        Add(new Flag<T>(this, name, shorthand, usage, typeName, defaultValue,
            (_, s) => parse(s), formatDefault ?? (v => v?.ToString())));

    /// <summary>The flag with this long name or alias, without dashes.</summary>
    public Flag? Lookup(string name) => _long.GetValueOrDefault(name);

    public Flag? LookupShorthand(char shorthand) => _short.GetValueOrDefault(shorthand);

    internal void RegisterAlias(Flag flag, string alias, string? deprecation)
    {
        CheckName(alias);
        if (!_long.TryAdd(alias, flag))
            throw new ArgumentException($"flag redefined: {alias}", nameof(alias));
        flag.AddAlias(alias);
        if (deprecation is not null)
            _deprecatedAliases[alias] = deprecation;
    }

    Flag<T> Add<T>(Flag<T> flag)
    {
        CheckName(flag.Name);
        if (_long.ContainsKey(flag.Name))
            throw new ArgumentException($"flag redefined: {flag.Name}", nameof(flag));
        if (flag.Shorthand is { } c)
        {
            if (c == '-' || c == '=' || char.IsWhiteSpace(c))
                throw new ArgumentException($"invalid shorthand {GoSyntax.Quote(c)} for flag {flag.Name}", nameof(flag));
            if (_short.TryGetValue(c, out var used))
                throw new ArgumentException(
                    $"unable to redefine {GoSyntax.Quote(c)} shorthand in flag set {Name}: it's already used for {used.Name} flag",
                    nameof(flag));
            _short[c] = flag;
        }
        _long[flag.Name] = flag;
        _flags.Add(flag);
        return flag;
    }

    static void CheckName(string name)
    {
        if (name.Length == 0 || name[0] == '-' || name.Contains('=') || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"invalid flag name {GoSyntax.Quote(name)}", nameof(name));
    }

    static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
