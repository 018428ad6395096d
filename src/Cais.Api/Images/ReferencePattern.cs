using System.Text;
using System.Text.RegularExpressions;
using Cais.Engine.Errors;
using Cais.Images.References;

namespace Cais.Api.Images;

/// <summary>
/// The reference filter of image lists (distribution/reference FamiliarMatch): a shell pattern
/// with Go's path.Match syntax (<c>*</c> and <c>?</c> never match '/', <c>[a-z]</c> classes,
/// <c>\</c> escapes), matched against "name:tag", then against the name alone.
/// </summary>
internal sealed class ReferencePattern
{
    readonly Regex regex;

    ReferencePattern(Regex regex) => this.regex = regex;

    public static ReferencePattern Parse(string pattern)
    {
        var text = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*': text.Append("[^/]*"); break;
                case '?': text.Append("[^/]"); break;
                case '\\':
                    if (++i >= pattern.Length) throw BadPattern(pattern);
                    text.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0) throw BadPattern(pattern);
                    var body = pattern[(i + 1)..close];
                    if (body.Length == 0 || body == "^") throw BadPattern(pattern);
                    var negate = body.StartsWith('^');
                    if (negate) body = body[1..];
                    text.Append('[').Append(negate ? "^/" : "").Append(body.Replace("\\", "\\\\").Replace("[", "\\[")).Append(']');
                    i = close;
                    break;
                default: text.Append(Regex.Escape(c.ToString())); break;
            }
        }
        text.Append('$');
        return new ReferencePattern(new Regex(text.ToString(), RegexOptions.CultureInvariant));
    }

    static InvalidParameterException BadPattern(string pattern) => new($"invalid filter 'reference={pattern}': syntax error in pattern");

    public bool Matches(ImageReference reference) =>
        regex.IsMatch(reference.FamiliarString()) || regex.IsMatch(reference.FamiliarName);
}
