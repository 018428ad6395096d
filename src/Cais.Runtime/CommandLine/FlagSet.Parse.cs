namespace Cais.CommandLine;

// The parsing loop, following spf13/pflag's flag.go (parseArgs, parseLongArg,
// parseSingleShortArg) rule for rule, including its error messages.
public sealed partial class FlagSet
{
    /// <summary>
    /// Parses <paramref name="arguments"/>, setting the flags they name, and returns the
    /// positional arguments (also in <see cref="Args"/>, which each call replaces). Throws
    /// <see cref="FlagException"/> on the first error, <see cref="HelpRequestedException"/> for
    /// an undefined -h/--help.
    /// </summary>
    public IReadOnlyList<string> Parse(IReadOnlyList<string> arguments)
    {
        _args.Clear();
        ArgsLenAtDash = -1;
        var i = 0;
        while (i < arguments.Count)
        {
            var s = arguments[i++];
            if (s.Length < 2 || s[0] != '-')
            {
                _args.Add(s);
                if (!Interspersed)
                {
                    AddRest(arguments, i);
                    break;
                }
                continue;
            }

            if (s == "--")
            {
                ArgsLenAtDash = _args.Count;
                AddRest(arguments, i);
                break;
            }

            if (s[1] == '-')
                i = ParseLong(s, s[2..], arguments, i);
            else if (AllowSingleDashLong && IsSingleDashLong(s))
                i = ParseLong(s, s[1..], arguments, i);
            else
                i = ParseShorthands(s[1..], arguments, i);
        }
        return _args;
    }

    /// <summary>
    /// Sets a flag by long name as if <c>--name=value</c> had been given (a default taken from
    /// the environment or a config file, say); it then counts as set.
    /// </summary>
    public void Set(string name, string value)
    {
        var flag = _long.GetValueOrDefault(name) ?? throw new FlagException($"no such flag -{name}");
        SetFlag(flag, value, name);
    }

    void AddRest(IReadOnlyList<string> arguments, int from)
    {
        for (var j = from; j < arguments.Count; j++)
            _args.Add(arguments[j]);
    }

    bool IsSingleDashLong(string s)
    {
        var name = s[1..];
        var eq = name.IndexOf('=');
        if (eq >= 0)
            name = name[..eq];
        return name.Length > 1 && _long.ContainsKey(name);
    }

    // `token` is the whole argument, `body` what follows its dashes: "name" or "name=value".
    int ParseLong(string token, string body, IReadOnlyList<string> arguments, int next)
    {
        if (body.Length == 0 || body[0] is '-' or '=')
            throw new FlagException($"bad flag syntax: {token}");

        var eq = body.IndexOf('=');
        var name = eq >= 0 ? body[..eq] : body;
        var flag = _long.GetValueOrDefault(name);
        if (flag is null && AllowSingleDashLong && name.Length == 1)
            flag = _short.GetValueOrDefault(name[0]);
        if (flag is null)
        {
            if (name == "help")
                throw new HelpRequestedException();
            throw new FlagException($"unknown flag: --{name}");
        }

        string value;
        if (eq >= 0)
            value = body[(eq + 1)..];
        else if (flag.ImplicitValue is { } implicitValue)
            value = implicitValue;
        else if (next < arguments.Count)
            value = arguments[next++];
        else
            throw new FlagException($"flag needs an argument: {token}");

        SetFlag(flag, value, name);
        return next;
    }

    // `shorthands` is the token without its dash: "dit", "p80", "e=A=1".
    int ParseShorthands(string shorthands, IReadOnlyList<string> arguments, int next)
    {
        while (shorthands.Length > 0)
        {
            var c = shorthands[0];
            var rest = shorthands[1..];
            if (!_short.TryGetValue(c, out var flag))
            {
                if (c == 'h')
                    throw new HelpRequestedException();
                throw new FlagException($"unknown shorthand flag: {GoSyntax.Quote(c)} in -{shorthands}");
            }

            string value;
            if (shorthands.Length > 2 && shorthands[1] == '=')
            {
                value = shorthands[2..];
                rest = "";
            }
            else if (flag.ImplicitValue is { } implicitValue)
            {
                value = implicitValue;
            }
            else if (shorthands.Length > 1)
            {
                value = shorthands[1..];
                rest = "";
            }
            else if (next < arguments.Count)
            {
                value = arguments[next++];
            }
            else
            {
                throw new FlagException($"flag needs an argument: {GoSyntax.Quote(c)} in -{shorthands}");
            }

            SetFlag(flag, value, usedName: null);
            shorthands = rest;
        }
        return next;
    }

    void SetFlag(Flag flag, string value, string? usedName)
    {
        try
        {
            flag.Set(value);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new FlagException(
                $"invalid argument {GoSyntax.Quote(value)} for {GoSyntax.Quote(flag.DisplayName)} flag: {e.Message}");
        }

        if (usedName is not null && _deprecatedAliases.TryGetValue(usedName, out var aliasMessage))
            _warnings.Add($"Flag --{usedName} has been deprecated, {aliasMessage}");
        else if (flag.Deprecated is { } message)
            _warnings.Add($"Flag --{flag.Name} has been deprecated, {message}");
    }
}
