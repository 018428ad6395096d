using System.Globalization;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --cpus: a number of CPUs as a decimal ("1.5") or a fraction ("3/2"), sent as NanoCpus
/// (billionths of a CPU). Like docker's NanoCPUs option it refuses a value finer than 1e-9.
/// </summary>
public static class NanoCpus
{
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryRational(text.Trim(), out var cpus))
            throw new FormatException($"failed to parse {text} as a rational number");
        var nanos = cpus * 1_000_000_000m;
        if (nanos != decimal.Truncate(nanos))
            throw new FormatException("value is too precise");
        if (nanos < long.MinValue || nanos > long.MaxValue)
            throw new FormatException($"failed to parse {text} as a rational number");
        return (long)nanos;
    }

    static bool TryRational(string text, out decimal value)
    {
        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        value = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return text.Length > 0 && decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
        if (!decimal.TryParse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numerator)
            || !decimal.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator)
            || denominator == 0)
            return false;
        value = numerator / denominator;
        return true;
    }
}
