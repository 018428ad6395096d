using System.Globalization;

namespace Cais.Cli.Format;

/// <summary>
/// Sizes and durations written the way the docker CLI writes them (docker/go-units), so that
/// `cais images` reads exactly like `docker images`: "4.26MB", "2 weeks ago".
/// </summary>
public static class HumanUnits
{
    static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>go-units HumanSizeWithPrecision(size, 3): decimal units, Go's %.3g.</summary>
    public static string Size(double size, int precision = 3)
    {
        int i = 0;
        while (size >= 1000 && i < DecimalUnits.Length - 1)
        {
            size /= 1000;
            i++;
        }
        return GoG(size, precision) + DecimalUnits[i];
    }

    /// <summary>go-units HumanSize: decimal units, Go's %.4g ("1.986MB"), as `system df` writes sizes.</summary>
    public static string HumanSize(double size) => Size(size, 4);

    /// <summary>go-units BytesSize: binary units, Go's %.4g ("1.5MiB"), as `stats` writes memory.</summary>
    public static string BytesSize(double size)
    {
        int i = 0;
        while (size >= 1024 && i < BinaryUnits.Length - 1)
        {
            size /= 1024;
            i++;
        }
        return GoG(size, 4) + BinaryUnits[i];
    }

    /// <summary>go-units HumanDuration, e.g. "About a minute", "3 hours", "2 weeks".</summary>
    public static string Duration(TimeSpan d)
    {
        long seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        long minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        long hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{hours / 24 / 365} years";
    }

    /// <summary>"… ago", as the CREATED columns show it.</summary>
    public static string Ago(DateTime when, DateTime now) => Duration(now - when) + " ago";

    /// <summary>
    /// Go's %.Ng: N significant digits; exponent form ("1e+03") when the exponent is below -4 or
    /// at least N; trailing zeros removed.
    /// </summary>
    static string GoG(double value, int precision)
    {
        if (value == 0) return "0";
        var e = value.ToString("E" + (precision - 1), CultureInfo.InvariantCulture); // d.ddE+xxx
        int exponent = int.Parse(e[(e.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            var mantissa = e[..e.IndexOf('E')];
            if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }
        var fixedText = value.ToString("F" + Math.Max(0, precision - 1 - exponent), CultureInfo.InvariantCulture);
        if (fixedText.Contains('.')) fixedText = fixedText.TrimEnd('0').TrimEnd('.');
        return fixedText;
    }
}
