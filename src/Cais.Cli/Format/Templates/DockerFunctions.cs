using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>The functions the docker CLI adds to its templates (docker/cli templates/templates.go).</summary>
static class DockerFunctions
{
    /// <summary>strings.Split: an empty separator splits into characters; an empty string gives one empty element.</summary>
    public static TemplateValue Split(string s, string separator)
    {
        if (separator.Length == 0)
            return TemplateValue.FromStrings(s.EnumerateRunes().Select(r => r.ToString()));
        return TemplateValue.FromStrings(s.Split(separator));
    }

    public static TemplateValue Join(TemplateValue list, string separator)
    {
        var parts = new string[list.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = list[i].AsString;
        return TemplateValue.FromString(string.Join(separator, parts));
    }

    /// <summary>strings.Title: the first letter of each word upper-cased; words are separated by anything but letters, digits and '_'.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previous = new Rune(' ');
        foreach (var rune in s.EnumerateRunes())
        {
            sb.Append((IsSeparator(previous) ? Rune.ToUpperInvariant(rune) : rune).ToString());
            previous = rune;
        }
        return sb.ToString();
    }

    static bool IsSeparator(Rune r)
    {
        if (r.IsAscii)
            return !(char.IsAsciiLetterOrDigit((char)r.Value) || r.Value == '_');
        if (Rune.IsLetter(r) || Rune.IsDigit(r)) return false;
        return Rune.IsWhiteSpace(r);
    }

    /// <summary>Spaces before and after a non-empty string.</summary>
    public static string Pad(string s, long prefix, long suffix)
    {
        if (s.Length == 0) return s;
        if (prefix < 0 || suffix < 0) throw new TemplateCallException("strings: negative Repeat count");
        return new string(' ', (int)Math.Min(prefix, 1 << 20)) + s + new string(' ', (int)Math.Min(suffix, 1 << 20));
    }

    /// <summary>The first n bytes (UTF-8) of the string, as Go slices it.</summary>
    public static string Truncate(string s, long length)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (bytes.Length < length) return s;
        if (length < 0) throw new TemplateCallException($"slice bounds out of range [:{length}]");
        return Encoding.UTF8.GetString(bytes, 0, (int)length);
    }
}
