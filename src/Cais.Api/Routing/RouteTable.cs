using System.Text;
using System.Text.RegularExpressions;
using Cais.Api.Http;

namespace Cais.Api.Routing;

/// <summary>A request handler: everything it needs is on the context.</summary>
public delegate Task ApiHandler(ApiContext context);

/// <summary>One route: a method and a path pattern, compiled to an anchored regex.</summary>
public sealed class Route
{
    internal Route(string method, string pattern, ApiHandler handler)
    {
        Method = method;
        Pattern = pattern;
        Handler = handler;
        Regex = Compile(pattern);
    }

    public string Method { get; }
    public string Pattern { get; }
    public ApiHandler Handler { get; }
    internal Regex Regex { get; }

    /// <summary>
    /// Docker's route syntax (gorilla/mux): <c>{id}</c> is one path segment (<c>[^/]+</c>);
    /// <c>{name:.*}</c> takes a regex, so image names with slashes and colons fit
    /// (<c>/images/{name:.*}/json</c> matches <c>/images/registry:5000/a/b:v2/json</c>).
    /// </summary>
    static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{')
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
                i++;
                continue;
            }
            int close = pattern.IndexOf('}', i);
            if (close < 0) throw new ArgumentException($"route {pattern}: unclosed {{", nameof(pattern));
            var variable = pattern[(i + 1)..close];
            var colon = variable.IndexOf(':');
            var name = colon < 0 ? variable : variable[..colon];
            var expression = colon < 0 ? "[^/]+" : variable[(colon + 1)..];
            regex.Append("(?<").Append(name).Append('>').Append(expression).Append(')');
            i = close + 1;
        }
        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }
}

/// <summary>
/// The routes, tried in the order they were added (the first match wins, as in gorilla/mux, so
/// <c>GET /images/json</c> must come before <c>GET /images/{name:.*}/json</c>).
/// </summary>
public sealed class RouteTable
{
    readonly List<Route> routes = [];

    public IReadOnlyList<Route> Routes => routes;

    public RouteTable Get(string pattern, ApiHandler handler) => Add("GET", pattern, handler);
    public RouteTable Head(string pattern, ApiHandler handler) => Add("HEAD", pattern, handler);
    public RouteTable Post(string pattern, ApiHandler handler) => Add("POST", pattern, handler);
    public RouteTable Put(string pattern, ApiHandler handler) => Add("PUT", pattern, handler);
    public RouteTable Delete(string pattern, ApiHandler handler) => Add("DELETE", pattern, handler);

    public RouteTable Add(string method, string pattern, ApiHandler handler)
    {
        routes.Add(new Route(method, pattern, handler));
        return this;
    }

    /// <summary>
    /// The route for a method and path (without the version prefix), and the path's variables;
    /// null when none matches. A path that matches only with another method is not found either:
    /// Docker answers both with 404 "page not found".
    /// </summary>
    public (Route Route, Dictionary<string, string> Values)? Match(string method, string path)
    {
        foreach (var route in routes)
        {
            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            var match = route.Regex.Match(path);
            if (!match.Success) continue;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Group group in match.Groups)
                if (group.Success && !int.TryParse(group.Name, out _)) values[group.Name] = group.Value;
            return (route, values);
        }
        return null;
    }
}
