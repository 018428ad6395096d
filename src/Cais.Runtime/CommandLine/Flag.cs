namespace Cais.CommandLine;

/// <summary>
/// One registered flag: its names, help text and parsing state. The typed value lives on
/// <see cref="Flag{T}"/>, the handle the registration methods of <see cref="FlagSet"/> return.
/// </summary>
public abstract class Flag
{
    readonly List<string> _aliases = [];

    private protected Flag(FlagSet owner, string name, char? shorthand, string usage, string typeName)
    {
        Owner = owner;
        Name = name;
        Shorthand = shorthand;
        Usage = usage;
        TypeName = typeName;
    }

    internal FlagSet Owner { get; }

    /// <summary>The primary long name, without dashes: "detach".</summary>
    public string Name { get; }

    /// <summary>Further long names that set the same flag, never shown in usage.</summary>
    public IReadOnlyList<string> Aliases => _aliases;

    /// <summary>The one-letter name, without the dash: 'd'.</summary>
    public char? Shorthand { get; }

    public string Usage { get; }

    /// <summary>The value's type as usage names it: "bool", "string", "int", "uint", "list".</summary>
    public string TypeName { get; }

    /// <summary>Accepted but left out of <see cref="FlagSet.Usage"/>.</summary>
    public bool Hidden { get; internal set; }

    /// <summary>When set, using the flag records pflag's deprecation warning; the flag is hidden.</summary>
    public string? Deprecated { get; internal set; }

    /// <summary>
    /// The value used when the flag appears without one (pflag's NoOptDefVal): "true" for
    /// booleans, null for flags whose value is required.
    /// </summary>
    public string? ImplicitValue { get; internal set; }

    /// <summary>The flag appeared on the command line at least once.</summary>
    public bool IsSet { get; private set; }

    /// <summary>How the default value reads in usage; null when it is the type's zero value.</summary>
    public abstract string? DefaultText { get; }

    /// <summary>The command line's text for this flag is a quoted string in usage and errors.</summary>
    internal virtual bool QuotesDefault => false;

    /// <summary>"-d, --detach" or "--name": how pflag names the flag in value errors.</summary>
    internal string DisplayName => Shorthand is { } c ? $"-{c}, --{Name}" : $"--{Name}";

    internal void AddAlias(string alias) => _aliases.Add(alias);

    /// <summary>Parses and stores one occurrence's value; throws FormatException when malformed.</summary>
    internal void Set(string value)
    {
        Apply(value);
        IsSet = true;
    }

    private protected abstract void Apply(string value);
}

/// <summary>A flag holding a value of type <typeparamref name="T"/>.</summary>
public sealed class Flag<T> : Flag
{
    readonly Func<T, string, T> _apply;
    readonly Func<T, string?> _formatDefault;
    readonly bool _quotesDefault;

    internal Flag(
        FlagSet owner, string name, char? shorthand, string usage, string typeName, T defaultValue,
        Func<T, string, T> apply, Func<T, string?> formatDefault, bool quotesDefault = false)
        : base(owner, name, shorthand, usage, typeName)
    {
        Default = defaultValue;
        Value = defaultValue;
        _apply = apply;
        _formatDefault = formatDefault;
        _quotesDefault = quotesDefault;
    }

    /// <summary>The parsed value: the default until the flag is given, then the last value given.</summary>
    public T Value { get; private set; }

    public T Default { get; }

    public override string? DefaultText => _formatDefault(Default);

    internal override bool QuotesDefault => _quotesDefault;

    /// <summary>Adds a further long name; with <paramref name="deprecation"/>, using that name records a warning.</summary>
    public Flag<T> Alias(string name, string? deprecation = null)
    {
        Owner.RegisterAlias(this, name, deprecation);
        return this;
    }

    /// <summary>Keeps the flag working but out of usage.</summary>
    public Flag<T> Hide()
    {
        Hidden = true;
        return this;
    }

    /// <summary>Marks the flag deprecated (pflag's MarkDeprecated): hidden, and a warning when used.</summary>
    public Flag<T> Deprecate(string message)
    {
        Deprecated = message;
        Hidden = true;
        return this;
    }

    /// <summary>Lets the flag appear without a value, which then means <paramref name="value"/>.</summary>
    public Flag<T> WithImplicitValue(string value)
    {
        ImplicitValue = value;
        return this;
    }

    private protected override void Apply(string value) => Value = _apply(Value, value);
}
