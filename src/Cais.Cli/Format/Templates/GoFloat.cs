using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// float64 written as Go's strconv writes it: %v is the shortest 'g' form with an exponent
/// below 1e-4 or from 1e6 up ("0.5", "1e+06", "1.5e-07"); json switches to exponents only
/// below 1e-6 or from 1e21, as encoding/json does.
/// </summary>
static class GoFloat
{
    /// <summary>Go's %v (and fmt.Sprint) of a float64.</summary>
    public static string FormatV(double value) => FormatG(value, -1);

    /// <summary>encoding/json's float64 encoding; null for NaN and infinities, which Go refuses.</summary>
    public static string? FormatJson(double value)
    {
        if (!double.IsFinite(value)) return null;
        double abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            // Go cleans up e-09 to e-9 for JSON.
            string e = FormatE(value, -1);
            int n = e.Length;
            if (n >= 4 && e[n - 4] == 'e' && e[n - 3] == '-' && e[n - 2] == '0')
                e = e[..(n - 2)] + e[n - 1];
            return e;
        }
        return FormatF(value, -1);
    }

    /// <summary>%g with a precision (significant digits), or the shortest form for -1; trailing zeros dropped.</summary>
    public static string FormatG(double value, int precision)
    {
        if (Special(value) is { } special) return special;
        int significant = precision == 0 ? 1 : precision;
        var (digits, point) = precision < 0 ? Shortest(value) : Rounded(value, significant);
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int eprec = precision < 0 ? 6 : significant;
        if (precision >= 0 && eprec > digits.Length && digits.Length >= point)
            eprec = digits.Length;
        int exp = digits == "0" ? 0 : point - 1;
        bool negative = value < 0 || double.IsNegative(value);
        if (exp < -4 || exp >= eprec)
            return ExponentForm(negative, digits, point, digits.Length - 1, 'e');
        return FixedForm(negative, digits, point, Math.Max(digits.Length - point, 0));
    }

    /// <summary>%e with a precision (digits after the point), or the shortest form for -1.</summary>
    public static string FormatE(double value, int precision, char letter = 'e')
    {
        if (Special(value) is { } special) return special;
        var (digits, point) = precision < 0 ? Shortest(value) : Rounded(value, precision + 1);
        int decimals = precision < 0 ? digits.Length - 1 : precision;
        return ExponentForm(value < 0 || double.IsNegative(value), digits, point, decimals, letter);
    }

    /// <summary>%f with a precision (digits after the point), or the shortest form for -1.</summary>
    public static string FormatF(double value, int precision)
    {
        if (Special(value) is { } special) return special;
        bool negative = value < 0 || double.IsNegative(value);
        if (precision >= 0)
        {
            string text = Math.Abs(value).ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return negative ? "-" + text : text;
        }
        var (digits, point) = Shortest(value);
        return FixedForm(negative, digits, point, Math.Max(digits.Length - point, 0));
    }

    static string? Special(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : null;

    /// <summary>Shortest digits that read back as the same float64, and the decimal point's place (0.DIGITS × 10^point).</summary>
    static (string Digits, int Point) Shortest(double value) =>
        value == 0 ? ("0", 1) : Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Digits rounded to a number of significant digits.</summary>
    static (string Digits, int Point) Rounded(double value, int significant)
    {
        if (value == 0) return (new string('0', significant), 1);
        string e = Math.Abs(value).ToString("E" + (significant - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (digits, point) = Decompose(e);
        return (digits.PadRight(significant, '0'), point);
    }

    /// <summary>Splits .NET's "123.45" or "1.2345E+002" into digits without leading/trailing zeros and a point position.</summary>
    static (string Digits, int Point) Decompose(string text)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string all = dot < 0 ? text : whole + text[(dot + 1)..];
        int point = whole.Length + exponent;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        point -= lead;
        string trimmed = all.TrimEnd('0');
        return (trimmed.Length == 0 ? "0" : trimmed, point);
    }

    static string ExponentForm(bool negative, string digits, int point, int decimals, char letter)
    {
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        sb.Append(digits[0]);
        if (decimals > 0)
        {
            sb.Append('.');
            for (int i = 1; i <= decimals; i++) sb.Append(i < digits.Length ? digits[i] : '0');
        }
        int exp = digits == "0" || digits.All(c => c == '0') ? 0 : point - 1;
        sb.Append(letter).Append(exp < 0 ? '-' : '+');
        int abs = Math.Abs(exp);
        if (abs < 10) sb.Append('0');
        sb.Append(abs.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    static string FixedForm(bool negative, string digits, int point, int decimals)
    {
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (point <= 0) sb.Append('0');
        else for (int i = 0; i < point; i++) sb.Append(i < digits.Length ? digits[i] : '0');
        if (decimals > 0)
        {
            sb.Append('.');
            for (int i = 0; i < decimals; i++)
            {
                int index = point + i;
                sb.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }
        return sb.ToString();
    }
}
