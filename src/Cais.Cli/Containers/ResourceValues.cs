using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers;

/// <summary>
/// The values of docker's resource flags, parsed as docker parses them: memory sizes
/// ("512m", "1.5g": go-units RAMInBytes, binary multiples), --memory-swap's -1, --cpus as a
/// decimal number of CPUs, --restart policies. Errors are docker's words, for pflag's
/// "invalid argument" message.
/// </summary>
public static partial class ResourceValues
{
    /// <summary>go-units RAMInBytes: a number, then optionally k, m, g, t or p (powers of 1024), "i" and "b".</summary>
    public static long RamInBytes(string text)
    {
        var match = SizePattern().Match(text);
        if (!match.Success) throw new FormatException($"invalid size: '{text}'");
        var size = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[3].Value.ToLowerInvariant();
        var multiplier = unit switch
        {
            "k" => 1L << 10, "m" => 1L << 20, "g" => 1L << 30, "t" => 1L << 40, "p" => 1L << 50, _ => 1L,
        };
        return (long)(size * multiplier);
    }

    /// <summary>--memory-swap: a size, or -1 for unlimited swap.</summary>
    public static long MemorySwap(string text) => text == "-1" ? -1 : RamInBytes(text);

    /// <summary>--cpus: a decimal number of CPUs as nano-CPUs ("1.5" is 1500000000).</summary>
    public static long NanoCpus(string text)
    {
        if (!TryParseRational(text, out var numerator, out var denominator))
            throw new FormatException($"failed to parse {text} as a rational number");
        var nano = numerator * 1_000_000_000;
        if (nano % denominator != 0) throw new FormatException("value is too precise");
        return (long)(nano / denominator);
    }

    /// <summary>docker's ParseRestartPolicy: "no", "always", "unless-stopped", "on-failure[:N]"; the name is checked by the daemon.</summary>
    public static RestartPolicy RestartPolicy(string text)
    {
        var policy = new RestartPolicy();
        if (text.Length == 0) return policy;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var count = colon < 0 ? "" : text[(colon + 1)..];
        if (colon >= 0 && name.Length == 0) throw new FormatException("invalid restart policy format: no policy provided before colon");
        if (count.Length > 0)
        {
            if (!int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries))
                throw new FormatException("invalid restart policy format: maximum retry count must be an integer");
            policy.MaximumRetryCount = retries;
        }
        policy.Name = name;
        return policy;
    }

    /// <summary>A decimal like Go's big.Rat SetString takes it: "2", "1.5", "-0.25", "3/4".</summary>
    static bool TryParseRational(string text, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = 0;
        denominator = 1;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
            return BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numerator)
                && BigInteger.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out denominator) && !denominator.IsZero;
        var match = DecimalPattern().Match(text);
        if (!match.Success) return false;
        var fraction = match.Groups[3].Value;
        numerator = BigInteger.Parse(match.Groups[2].Value + fraction, CultureInfo.InvariantCulture);
        denominator = BigInteger.Pow(10, fraction.Length);
        if (match.Groups[1].Value == "-") numerator = -numerator;
        return true;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^([+-]?)(\d+)(?:\.(\d*))?$")]
    private static partial Regex DecimalPattern();
}
