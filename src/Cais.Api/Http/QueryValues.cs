using System.Globalization;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Http;

/// <summary>Query parameters read the way Docker's httputils reads them.</summary>
public sealed class QueryValues(IQueryCollection query)
{
    /// <summary>True when the parameter is present at all (even empty).</summary>
    public bool Has(string name) => query.ContainsKey(name);

    /// <summary>The first value, or null when absent.</summary>
    public string? String(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Every value of a repeated parameter (<c>names=a&amp;names=b</c>), in order.</summary>
    public IReadOnlyList<string> All(string name) =>
        query.TryGetValue(name, out var values) ? [.. values.Where(v => v is not null).Select(v => v!)] : [];

    /// <summary>Docker's BoolValue: false for absent, "", "0", "no", "false", "none" (any case); true otherwise.</summary>
    public bool Bool(string name)
    {
        var value = String(name)?.Trim().ToLowerInvariant() ?? "";
        return value is not ("" or "0" or "no" or "false" or "none");
    }

    /// <summary>Docker's BoolValueOrDefault: <paramref name="fallback"/> when absent or empty.</summary>
    public bool Bool(string name, bool fallback) => string.IsNullOrEmpty(String(name)) ? fallback : Bool(name);

    /// <summary>An integer parameter; <paramref name="fallback"/> when absent or empty; 400 when not a number.</summary>
    public long Int64(string name, long fallback)
    {
        var value = String(name);
        if (string.IsNullOrEmpty(value)) return fallback;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidParameterException($"invalid value for {name}: strconv.ParseInt: parsing \"{value}\": invalid syntax");
    }
}
