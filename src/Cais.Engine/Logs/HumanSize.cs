using System.Globalization;

namespace Cais.Engine.Logs;

/// <summary>
/// Sizes written as Docker's log options take them (go-units FromHumanSize): a decimal number,
/// an optional space, then an optional unit k, m, g, t or p meaning powers of 1000 (not 1024),
/// optionally followed by "b" or "ib"; case does not matter. "10m" is 10,000,000 bytes.
/// </summary>
static class HumanSize
{
    public static bool TryParse(string text, out long bytes, out string? error)
    {
        bytes = 0;
        error = null;
        // The number ends at the last digit, dot or space; the rest is the unit.
        int end = text.AsSpan().LastIndexOfAny("0123456789. ");
        if (end < 0)
        {
            error = "there is no number in it";
            return false;
        }
        var number = text.AsSpan(0, text[end] == ' ' ? end : end + 1);
        var suffix = text.AsSpan(end + 1).ToString().ToLowerInvariant();
        if (number.IsEmpty || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            error = $"'{number}' is not a number";
            return false;
        }
        double multiplier = 1;
        if (suffix.Length > 0 && suffix != "b")
        {
            multiplier = suffix[0] switch
            {
                'k' => 1e3,
                'm' => 1e6,
                'g' => 1e9,
                't' => 1e12,
                'p' => 1e15,
                _ => 0,
            };
            if (multiplier == 0 || suffix.Length > 3 || (suffix.Length == 2 && suffix[1] != 'b') || (suffix.Length == 3 && suffix[1..] != "ib"))
            {
                error = $"invalid suffix '{suffix}' (use k, m, g, t or p, optionally followed by b)";
                return false;
            }
        }
        value *= multiplier;
        if (value >= long.MaxValue)
        {
            error = "it is too large";
            return false;
        }
        bytes = (long)value;
        return true;
    }
}
