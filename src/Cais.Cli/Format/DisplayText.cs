using System.Text;

namespace Cais.Cli.Format;

/// <summary>Text shortened as the docker CLI shortens it in its tables.</summary>
public static class DisplayText
{
    const string EllipsisMark = "…";

    /// <summary>
    /// docker's Ellipsis: at most <paramref name="maxWidth"/> display columns, the last one an
    /// ellipsis when the text is cut. East Asian wide and fullwidth characters take two columns.
    /// </summary>
    public static string Ellipsis(string s, int maxWidth)
    {
        if (maxWidth <= 0) return "";
        var runes = s.EnumerateRunes().ToArray();
        if (runes.Length == 0) return s;
        if (maxWidth == 1) return runes[0].ToString();
        int width = 0;
        foreach (var r in runes) width += Width(r);
        if (width <= maxWidth) return s;
        var kept = new StringBuilder();
        width = 0;
        foreach (var r in runes)
        {
            width += Width(r);
            if (width > maxWidth - 1) break;
            kept.Append(r.ToString());
        }
        return kept.Append(EllipsisMark).ToString();
    }

    /// <summary>An ID as tables show it: without "sha256:", cut to 12 characters.</summary>
    public static string TruncateId(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) id = id[(colon + 1)..];
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>Display columns of a character: 2 for East Asian wide and fullwidth ranges (UAX #11), else 1.</summary>
    static int Width(Rune r)
    {
        int v = r.Value;
        return v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD
            ? 2 : 1;
    }
}
