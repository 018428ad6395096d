using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// The literal text of a JSON number node. Parsed documents keep it (a JsonElement inside);
/// nodes built in code hold a CLR number: integers are written in decimal, floats as Go's
/// encoding/json writes a float64 (so json output matches docker's for them too).
/// </summary>
static class JsonNumberText
{
    public static string Of(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
            return element.GetRawText();
        if (value.TryGetValue(out long l)) return l.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out int i)) return i.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out ulong ul)) return ul.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out uint ui)) return ui.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out short s)) return s.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out ushort us)) return us.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out byte b)) return b.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out sbyte sb)) return sb.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out double d)) return GoFloat.FormatJson(d) ?? d.ToString("R", CultureInfo.InvariantCulture);
        if (value.TryGetValue(out float f)) return GoFloat.FormatJson(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            ?? f.ToString("R", CultureInfo.InvariantCulture);
        if (value.TryGetValue(out decimal m)) return m.ToString(CultureInfo.InvariantCulture);
        throw new ArgumentException($"JSON number node holds an unsupported CLR type", nameof(value));
    }
}
