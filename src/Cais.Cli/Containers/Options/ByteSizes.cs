using System.Globalization;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// Sizes as docker's `bytes` flags take them (-m, --memory-swap, --shm-size, --tmpfs size):
/// a number, optionally with a fraction, then an optional unit k, m, g, t or p (any case,
/// optionally followed by "b" or "ib"), always in powers of 1024 as docker/go-units RAMInBytes
/// reads them: "64m" is 67108864 and "1.5g" is 1610612736. Errors use go-units' words.
/// </summary>
public static class ByteSizes
{
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        if (end == 0 || !double.TryParse(text.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"invalid size: '{text}'");
        var unit = text[end..].ToLowerInvariant();
        if (unit.StartsWith(' ')) unit = unit[1..];
        if (unit.Length == 0 || unit == "b") return checked((long)number);
        int power = "kmgtp".IndexOf(unit[0], StringComparison.Ordinal) + 1;
        if (power == 0 || unit[1..] is not ("" or "b" or "ib"))
            throw new FormatException($"invalid suffix: '{text[end..]}'");
        var bytes = number * Math.Pow(1024, power);
        if (bytes >= long.MaxValue) throw new FormatException($"invalid size: '{text}'");
        return (long)bytes;
    }

    /// <summary>--memory-swap: a size, or -1 for unlimited swap.</summary>
    public static long ParseSwap(string text) => text == "-1" ? -1 : Parse(text);
}
