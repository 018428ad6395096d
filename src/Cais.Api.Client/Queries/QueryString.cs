using System.Globalization;
using System.Text;

namespace Cais.Api.Client.Queries;

/// <summary>
/// Builds a request's query string. Unset values are left out; true booleans are sent as
/// <c>1</c> and false ones left out, as the docker CLI does (the daemon reads a missing flag as false).
/// </summary>
public sealed class QueryString
{
    readonly List<KeyValuePair<string, string>> parameters = [];

    public QueryString Add(string name, string? value)
    {
        if (value is not null)
            parameters.Add(new(name, value));
        return this;
    }

    public QueryString Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString AddFlag(string name, bool value) => value ? Add(name, "1") : this;

    public QueryString Add(string name, Filters? filters) =>
        filters is null || filters.IsEmpty ? this : Add(name, filters.ToJson());

    public QueryString AddAll(IEnumerable<KeyValuePair<string, string?>>? values)
    {
        if (values is not null)
            foreach (var (name, value) in values)
                Add(name, value);
        return this;
    }

    /// <summary><c>?a=1&amp;b=x%20y</c>, or empty when there are no parameters.</summary>
    public override string ToString()
    {
        if (parameters.Count == 0)
            return "";
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
            text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return text.ToString();
    }
}
