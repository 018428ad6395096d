using System.Text.Json;
using Cais.Engine.Errors;

namespace Cais.Api.Http;

/// <summary>
/// The <c>filters</c> query parameter (moby api/types/filters): JSON of
/// <c>{"key":{"value":true}}</c>, or the older <c>{"key":["value"]}</c> form some clients still
/// send. Errors read as Docker's ("invalid filter 'dangling=maybe'").
/// </summary>
public sealed class FilterArgs
{
    readonly Dictionary<string, List<string>> fields = new(StringComparer.Ordinal);

    /// <summary>No filters (a new set each time: sets are mutable).</summary>
    public static FilterArgs Empty => new();

    public IEnumerable<string> Keys => fields.Keys;

    public bool Contains(string key) => fields.ContainsKey(key);

    /// <summary>The values given for a key, in the order sent.</summary>
    public IReadOnlyList<string> Get(string key) => fields.TryGetValue(key, out var values) ? values : [];

    public static FilterArgs Parse(string? json)
    {
        var args = new FilterArgs();
        if (string.IsNullOrWhiteSpace(json)) return args;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException($"invalid filter: the filters parameter is not JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidParameterException("invalid filter: the filters parameter must be a JSON object of key to values");
            foreach (var field in document.RootElement.EnumerateObject())
            {
                var values = args.fields.TryGetValue(field.Name, out var existing) ? existing : args.fields[field.Name] = [];
                switch (field.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var value in field.Value.EnumerateObject())
                            if (value.Value.ValueKind == JsonValueKind.True) values.Add(value.Name);
                        break;
                    case JsonValueKind.Array:
                        foreach (var value in field.Value.EnumerateArray())
                        {
                            if (value.ValueKind != JsonValueKind.String)
                                throw new InvalidParameterException($"invalid filter '{field.Name}': values must be strings");
                            values.Add(value.GetString()!);
                        }
                        break;
                    default:
                        throw new InvalidParameterException($"invalid filter '{field.Name}': expected an object or an array of values");
                }
            }
        }
        return args;
    }

    /// <summary>Adds a value to a key (Docker's Args.Add).</summary>
    public void Add(string key, string value)
    {
        if (!fields.TryGetValue(key, out var values)) fields[key] = values = [];
        if (!values.Contains(value)) values.Add(value);
    }

    /// <summary>Refuses keys the endpoint does not know: "invalid filter 'x'".</summary>
    public void Validate(params string[] accepted)
    {
        foreach (var key in fields.Keys)
            if (!accepted.Contains(key)) throw new InvalidParameterException($"invalid filter '{key}'");
    }

    /// <summary>Docker's GetBoolOrDefault: a key's true/1 or false/0; both, neither or others are an error.</summary>
    public bool? GetBool(string key)
    {
        if (!fields.TryGetValue(key, out var values)) return null;
        bool isTrue = values.Contains("true") || values.Contains("1");
        bool isFalse = values.Contains("false") || values.Contains("0");
        if (isTrue == isFalse) throw new InvalidParameterException($"invalid filter '{key}={string.Join(',', values)}'");
        return isTrue;
    }
}
