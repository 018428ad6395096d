using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// Compact JSON as the docker CLI's <c>json</c> template function writes it (Go's
/// encoding/json with HTML escaping off): JSON data keeps its own key order and number
/// literals; maps made here are written with sorted keys, as Go writes maps. Row objects are
/// marshalled by docker with json.Marshal, which escapes &lt; &gt; &amp; as \u003c \u003e \u0026,
/// so their strings are escaped that way ("0.0.0.0:80-\u003e80/tcp").
/// </summary>
static class GoJson
{
    public static string Serialize(TemplateValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, escapeHtml: false);
        return sb.ToString();
    }

    static void Write(StringBuilder sb, TemplateValue value, bool escapeHtml)
    {
        switch (value.Kind)
        {
            case TemplateValueKind.Missing:
            case TemplateValueKind.Nil:
                sb.Append("null");
                break;
            case TemplateValueKind.Bool:
                sb.Append(value.AsBool ? "true" : "false");
                break;
            case TemplateValueKind.Int:
                sb.Append(value.SourceNumber is { } n ? JsonNumberText.Of(n) : value.AsInt.ToString(CultureInfo.InvariantCulture));
                break;
            case TemplateValueKind.Float:
                sb.Append(value.SourceNumber is { } f ? JsonNumberText.Of(f)
                    : GoFloat.FormatJson(value.AsFloat) ?? throw new TemplateCallException($"json: unsupported value: {GoFloat.FormatV(value.AsFloat)}"));
                break;
            case TemplateValueKind.String:
                WriteString(sb, value.AsString, escapeHtml);
                break;
            case TemplateValueKind.Array:
                sb.Append('[');
                for (int i = 0; i < value.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, value[i], escapeHtml);
                }
                sb.Append(']');
                break;
            case TemplateValueKind.Map:
                sb.Append('{');
                bool first = true;
                foreach (var key in value.KeysInSourceOrder)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    value.TryGetEntry(key, out var entry);
                    WriteString(sb, key, escapeHtml);
                    sb.Append(':');
                    Write(sb, entry, escapeHtml);
                }
                sb.Append('}');
                break;
            case TemplateValueKind.Object:
                WriteObject(sb, value.AsObject);
                break;
        }
    }

    /// <summary>docker's MarshalJSON of a row: every argument-free field, keys sorted, json.Marshal's escaping.</summary>
    static void WriteObject(StringBuilder sb, ITemplateObject obj)
    {
        sb.Append('{');
        bool first = true;
        foreach (var name in obj.FieldNames.Order(StringComparer.Ordinal))
        {
            if (!obj.TryGetField(name, out var field))
                throw new TemplateCallException($"json: {obj.TypeName} lists field {name} but has no value for it");
            if (!first) sb.Append(',');
            first = false;
            WriteString(sb, name, escapeHtml: true);
            sb.Append(':');
            Write(sb, field, escapeHtml: true);
        }
        sb.Append('}');
    }

    const string Hex = "0123456789abcdef";

    /// <summary>A JSON string as Go encodes it: \b \f \n \r \t by name, other controls as \u00XX, U+2028/9 and lone surrogates escaped.</summary>
    public static void WriteString(StringBuilder sb, string s, bool escapeHtml)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\u2028': sb.Append("\\u2028"); continue;
                case '\u2029': sb.Append("\\u2029"); continue;
            }
            if (c < 0x20 || (escapeHtml && c is '<' or '>' or '&'))
            {
                sb.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
            }
            else if (char.IsSurrogate(c))
            {
                // Go writes invalid UTF-8 as U+FFFD; in UTF-16 that is a surrogate without its pair.
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    sb.Append(c).Append(s[++i]);
                else
                    sb.Append("\\ufffd");
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('"');
    }
}
