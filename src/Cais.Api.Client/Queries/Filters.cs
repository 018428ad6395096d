using System.Text.Json;
using Cais.Api.Client.Json;

namespace Cais.Api.Client.Queries;

/// <summary>
/// The <c>filters</c> query parameter of list, prune and events endpoints: names (<c>label</c>,
/// <c>status</c>, <c>name</c>, ...) each with one or more values. Encoded as the docker CLI does,
/// <c>{"label":{"a=b":true}}</c>, which every daemon version accepts.
/// </summary>
public sealed class Filters
{
    readonly SortedDictionary<string, SortedSet<string>> values = new(StringComparer.Ordinal);

    public bool IsEmpty => values.Count == 0;

    public Filters Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!values.TryGetValue(name, out var set))
            values[name] = set = new SortedSet<string>(StringComparer.Ordinal);
        set.Add(value);
        return this;
    }

    /// <summary>Parses a <c>--filter</c> argument, <c>name=value</c> (the value may contain more '=').</summary>
    public Filters AddArgument(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new FormatException($"bad format of filter (expected name=value): '{argument}'");
        return Add(argument[..equals].Trim().ToLowerInvariant(), argument[(equals + 1)..]);
    }

    public IReadOnlyCollection<string> this[string name] =>
        values.TryGetValue(name, out var set) ? set : (IReadOnlyCollection<string>)[];

    public string ToJson()
    {
        var map = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var (name, set) in values)
            map[name] = set.ToDictionary(v => v, _ => true, StringComparer.Ordinal);
        return JsonSerializer.Serialize(map, ClientJsonContext.Default.DictionaryStringDictionaryStringBoolean);
    }
}
