namespace Cais.Cli.Daemon;

/// <summary>How many positional arguments a verb takes, as cobra's Args checks put it.</summary>
public readonly record struct ArgumentCount(int Min, int Max)
{
    public static ArgumentCount None => new(0, 0);

    public static ArgumentCount Exactly(int n) => new(n, n);

    public static ArgumentCount AtLeast(int n) => new(n, int.MaxValue);

    public static ArgumentCount AtMost(int n) => new(0, n);

    public static ArgumentCount Between(int min, int max) => new(min, max);

    /// <summary>docker's words for a wrong count ("requires at least 1 argument"); null when the count is right.</summary>
    public string? Check(int count)
    {
        if (count >= Min && count <= Max) return null;
        if (Max == 0) return "accepts no arguments";
        if (Min == Max) return $"requires {Plural(Min)}";
        if (Max == int.MaxValue) return $"requires at least {Plural(Min)}";
        if (Min == 0) return $"requires at most {Plural(Max)}";
        return $"requires at least {Min} and at most {Plural(Max)}";
    }

    static string Plural(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}

/// <summary>
/// A verb's help: its command path ("ps", "image ls"), the arguments it takes as usage shows
/// them ("[OPTIONS] CONTAINER [CONTAINER...]"), a one-line summary, and the argument count.
/// </summary>
public sealed record VerbUsage(string Command, string Arguments, string Summary, ArgumentCount Count)
{
    public string UsageLine => $"cais {Command} {Arguments}".TrimEnd();
}
