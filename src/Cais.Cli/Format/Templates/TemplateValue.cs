using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cais.Cli.Format.Templates;

/// <summary>The kinds of value a template handles, after Go's reflect kinds.</summary>
public enum TemplateValueKind
{
    /// <summary>No value at all (Go's invalid reflect.Value): a missing map key. Prints "&lt;no value&gt;".</summary>
    Missing,
    /// <summary>JSON null or Go's nil. Prints "&lt;nil&gt;".</summary>
    Nil,
    Bool,
    Int,
    Float,
    String,
    Array,
    Map,
    Object,
}

/// <summary>
/// One value seen by a template: a JSON node (inspect data), a row object with computed fields,
/// or a value a template made (literals, function results). JSON is wrapped, not copied:
/// arrays and objects are read in place.
/// </summary>
public readonly struct TemplateValue
{
    // string | JsonArray | JsonObject | JsonValue (a number, kept for its literal text) |
    // TemplateValue[] | IReadOnlyDictionary<string, TemplateValue> | ITemplateObject
    readonly object? payload;
    readonly long bits; // Int value, Float bits, Bool 0/1

    TemplateValue(TemplateValueKind kind, object? payload = null, long bits = 0)
    {
        Kind = kind;
        this.payload = payload;
        this.bits = bits;
    }

    public TemplateValueKind Kind { get; }

    public static TemplateValue Missing => default;
    public static TemplateValue Nil => new(TemplateValueKind.Nil);
    public static TemplateValue True => new(TemplateValueKind.Bool, null, 1);
    public static TemplateValue False => new(TemplateValueKind.Bool, null, 0);

    public static TemplateValue FromBool(bool value) => value ? True : False;
    public static TemplateValue FromInt(long value) => new(TemplateValueKind.Int, null, value);
    public static TemplateValue FromFloat(double value) => new(TemplateValueKind.Float, null, BitConverter.DoubleToInt64Bits(value));
    public static TemplateValue FromString(string value) => new(TemplateValueKind.String, value ?? throw new ArgumentNullException(nameof(value)));
    public static TemplateValue FromObject(ITemplateObject value) => new(TemplateValueKind.Object, value ?? throw new ArgumentNullException(nameof(value)));
    public static TemplateValue FromList(IEnumerable<TemplateValue> items) => new(TemplateValueKind.Array, items.ToArray());
    public static TemplateValue FromStrings(IEnumerable<string> items) => new(TemplateValueKind.Array, items.Select(FromString).ToArray());

    /// <summary>A Go map: printed and ranged in sorted key order, as Go does.</summary>
    public static TemplateValue FromMap(IReadOnlyDictionary<string, TemplateValue> entries) =>
        new(TemplateValueKind.Map, entries ?? throw new ArgumentNullException(nameof(entries)));

    /// <summary>
    /// Wraps JSON data. Numbers with an integral value print as integers (an exit code is
    /// <c>137</c>, not <c>137.0</c>); other numbers print as Go prints a float64.
    /// </summary>
    public static TemplateValue FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return Nil;
            case JsonObject o:
                return new(TemplateValueKind.Map, o);
            case JsonArray a:
                return new(TemplateValueKind.Array, a);
        }
        var value = (JsonValue)node;
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return FromString(value.GetValue<string>());
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Null:
                return Nil;
            case JsonValueKind.Object when value.TryGetValue(out JsonElement element):
                return new(TemplateValueKind.Map, JsonObject.Create(element));
            case JsonValueKind.Array when value.TryGetValue(out JsonElement element):
                return new(TemplateValueKind.Array, JsonArray.Create(element));
            case JsonValueKind.Number:
                return FromJsonNumber(value);
            default:
                throw new ArgumentException($"unsupported JSON value {value.GetValueKind()}", nameof(node));
        }
    }

    static TemplateValue FromJsonNumber(JsonValue value)
    {
        string text = JsonNumberText.Of(value);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return new(TemplateValueKind.Int, value, integer);
        double number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (Math.Floor(number) == number && number >= long.MinValue && number < 9.2233720368547758e18)
            return new(TemplateValueKind.Int, value, (long)number);
        return new(TemplateValueKind.Float, value, BitConverter.DoubleToInt64Bits(number));
    }

    public bool IsMissing => Kind == TemplateValueKind.Missing;
    public bool IsNil => Kind == TemplateValueKind.Nil;

    public bool AsBool => Kind == TemplateValueKind.Bool ? bits != 0 : throw WrongKind(TemplateValueKind.Bool);
    public long AsInt => Kind == TemplateValueKind.Int ? bits : throw WrongKind(TemplateValueKind.Int);
    public double AsFloat => Kind == TemplateValueKind.Float ? BitConverter.Int64BitsToDouble(bits) : throw WrongKind(TemplateValueKind.Float);
    public string AsString => Kind == TemplateValueKind.String ? (string)payload! : throw WrongKind(TemplateValueKind.String);
    public ITemplateObject AsObject => Kind == TemplateValueKind.Object ? (ITemplateObject)payload! : throw WrongKind(TemplateValueKind.Object);

    /// <summary>The JSON node this number was read from, to write it back as it was.</summary>
    internal JsonValue? SourceNumber => payload as JsonValue;

    InvalidOperationException WrongKind(TemplateValueKind wanted) => new($"template value is {Kind}, not {wanted}");

    /// <summary>Elements of an array, or entries of a map.</summary>
    public int Count => payload switch
    {
        JsonArray a => a.Count,
        TemplateValue[] items => items.Length,
        JsonObject o => o.Count,
        IReadOnlyDictionary<string, TemplateValue> d => d.Count,
        _ => throw new InvalidOperationException($"template value {Kind} has no length"),
    };

    public TemplateValue this[int index] => payload switch
    {
        JsonArray a => FromJson(a[index]),
        TemplateValue[] items => items[index],
        _ => throw WrongKind(TemplateValueKind.Array),
    };

    public bool TryGetEntry(string key, out TemplateValue value)
    {
        switch (payload)
        {
            case JsonObject o when o.TryGetPropertyValue(key, out var node):
                value = FromJson(node);
                return true;
            case IReadOnlyDictionary<string, TemplateValue> d when d.TryGetValue(key, out value):
                return true;
            case JsonObject or IReadOnlyDictionary<string, TemplateValue>:
                value = Missing;
                return false;
            default:
                throw WrongKind(TemplateValueKind.Map);
        }
    }

    /// <summary>Map keys in Go's order for printing and range: sorted bytewise.</summary>
    public IReadOnlyList<string> SortedKeys
    {
        get
        {
            var keys = KeysInSourceOrder.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            return keys;
        }
    }

    /// <summary>Map keys as the JSON had them (for json); sorted for maps made here, as Go's json sorts maps.</summary>
    internal IEnumerable<string> KeysInSourceOrder => payload switch
    {
        JsonObject o => o.Select(p => p.Key),
        IReadOnlyDictionary<string, TemplateValue> d => d.Keys.Order(StringComparer.Ordinal),
        _ => throw WrongKind(TemplateValueKind.Map),
    };

    internal bool IsJsonMap => payload is JsonObject;

    /// <summary>Go's name for the value's type, as error messages print it.</summary>
    public string GoTypeName => Kind switch
    {
        TemplateValueKind.Missing => "<invalid>",
        TemplateValueKind.Nil => "<nil>",
        TemplateValueKind.Bool => "bool",
        TemplateValueKind.Int => "int",
        TemplateValueKind.Float => "float64",
        TemplateValueKind.String => "string",
        TemplateValueKind.Array => "[]interface {}",
        TemplateValueKind.Map => "map[string]interface {}",
        _ => AsObject.TypeName,
    };

    /// <summary>The value as Go's fmt prints it with %v.</summary>
    public override string ToString() => Kind == TemplateValueKind.Missing ? "<no value>" : GoFormatter.Sprint(this);
}
