using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// Values printed as Go's fmt prints them with %v: strings as they are, integers in decimal,
/// floats in the shortest 'g' form, nil as "&lt;nil&gt;", slices as "[a b c]", maps as
/// "map[k1:v1 k2:v2]" with keys sorted.
/// </summary>
static class GoFormatter
{
    /// <summary>fmt.Sprint of one value.</summary>
    public static string Sprint(TemplateValue value)
    {
        if (value.Kind == TemplateValueKind.String) return value.AsString;
        var sb = new StringBuilder();
        AppendV(sb, value);
        return sb.ToString();
    }

    /// <summary>fmt.Sprint of several values: a space between operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<TemplateValue> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            bool isString = values[i].Kind == TemplateValueKind.String;
            if (i > 0 && !isString && values[i - 1].Kind != TemplateValueKind.String)
                sb.Append(' ');
            AppendV(sb, values[i]);
        }
        return sb.ToString();
    }

    /// <summary>fmt.Sprintln: always a space between operands, and a newline.</summary>
    public static string Sprintln(IReadOnlyList<TemplateValue> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            AppendV(sb, values[i]);
        }
        return sb.Append('\n').ToString();
    }

    public static void AppendV(StringBuilder sb, TemplateValue value)
    {
        switch (value.Kind)
        {
            case TemplateValueKind.Missing:
                sb.Append("<no value>");
                break;
            case TemplateValueKind.Nil:
                sb.Append("<nil>");
                break;
            case TemplateValueKind.Bool:
                sb.Append(value.AsBool ? "true" : "false");
                break;
            case TemplateValueKind.Int:
                sb.Append(value.AsInt.ToString(CultureInfo.InvariantCulture));
                break;
            case TemplateValueKind.Float:
                sb.Append(GoFloat.FormatV(value.AsFloat));
                break;
            case TemplateValueKind.String:
                sb.Append(value.AsString);
                break;
            case TemplateValueKind.Array:
                sb.Append('[');
                for (int i = 0; i < value.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    AppendV(sb, value[i]);
                }
                sb.Append(']');
                break;
            case TemplateValueKind.Map:
                sb.Append("map[");
                bool first = true;
                foreach (var key in value.SortedKeys)
                {
                    if (!first) sb.Append(' ');
                    first = false;
                    value.TryGetEntry(key, out var entry);
                    sb.Append(key).Append(':');
                    AppendV(sb, entry);
                }
                sb.Append(']');
                break;
            case TemplateValueKind.Object:
                sb.Append(value.AsObject.ToString());
                break;
        }
    }
}
