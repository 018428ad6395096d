namespace Cais.Cli.Format.Templates;

/// <summary>
/// The functions a --format template may call: Go's predefined ones (and, or, not, len, index,
/// slice, print, printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge) and those the
/// docker CLI adds (json, split, join, title, lower, upper, pad, truncate). Header rendering
/// swaps some of docker's for ones that return the header text unchanged, as docker does.
/// </summary>
static class TemplateFunctions
{
    static readonly ParamKind[] One = [ParamKind.Value];
    static readonly ParamKind[] Two = [ParamKind.Value, ParamKind.Value];

    public static IReadOnlyDictionary<string, TemplateFunction> Standard { get; } = Build(
    [
        new("and", One, ParamKind.Value, _ => throw new InvalidOperationException("and is evaluated by the executor")),
        new("or", One, ParamKind.Value, _ => throw new InvalidOperationException("or is evaluated by the executor")),
        new("not", One, null, a => TemplateValue.FromBool(!Truth.IsTrue(a[0]))),
        new("len", One, null, a => CollectionFunctions.Length(a[0])),
        new("index", One, ParamKind.Value, a => CollectionFunctions.Index(a[0], a.AsSpan(1))),
        new("slice", One, ParamKind.Value, a => CollectionFunctions.Slice(a[0], a.AsSpan(1))),
        new("print", [], ParamKind.Any, a => TemplateValue.FromString(GoFormatter.Sprint(a))),
        new("printf", [ParamKind.String], ParamKind.Any, a => TemplateValue.FromString(GoPrintf.Sprintf(a[0].AsString, a[1..]))),
        new("println", [], ParamKind.Any, a => TemplateValue.FromString(GoFormatter.Sprintln(a))),
        new("html", [], ParamKind.Any, a => TemplateValue.FromString(EscapeFunctions.Html(EscapeFunctions.JoinArgs(a)))),
        new("js", [], ParamKind.Any, a => TemplateValue.FromString(EscapeFunctions.JavaScript(EscapeFunctions.JoinArgs(a)))),
        new("urlquery", [], ParamKind.Any, a => TemplateValue.FromString(EscapeFunctions.UrlQuery(EscapeFunctions.JoinArgs(a)))),
        new("eq", One, ParamKind.Value, a => TemplateValue.FromBool(Comparison.Equal(a[0], a.AsSpan(1)))),
        new("ne", Two, null, a => TemplateValue.FromBool(!Comparison.Equal(a[0], a.AsSpan(1)))),
        new("lt", Two, null, a => TemplateValue.FromBool(Comparison.Less(a[0], a[1]))),
        new("le", Two, null, a => TemplateValue.FromBool(Comparison.Less(a[0], a[1]) || Comparison.Equal(a[0], a.AsSpan(1)))),
        new("gt", Two, null, a => TemplateValue.FromBool(!Comparison.Less(a[0], a[1]) && !Comparison.Equal(a[0], a.AsSpan(1)))),
        new("ge", Two, null, a => TemplateValue.FromBool(!Comparison.Less(a[0], a[1]))),
        new("json", [ParamKind.Any], null, a => TemplateValue.FromString(GoJson.Serialize(a[0]))),
        new("split", [ParamKind.String, ParamKind.String], null, a => DockerFunctions.Split(a[0].AsString, a[1].AsString)),
        new("join", [ParamKind.StringList, ParamKind.String], null, a => DockerFunctions.Join(a[0], a[1].AsString)),
        new("title", [ParamKind.String], null, a => TemplateValue.FromString(DockerFunctions.Title(a[0].AsString))),
        new("lower", [ParamKind.String], null, a => TemplateValue.FromString(a[0].AsString.ToLowerInvariant())),
        new("upper", [ParamKind.String], null, a => TemplateValue.FromString(a[0].AsString.ToUpperInvariant())),
        new("pad", [ParamKind.String, ParamKind.Int, ParamKind.Int], null, a => TemplateValue.FromString(DockerFunctions.Pad(a[0].AsString, a[1].AsInt, a[2].AsInt))),
        new("truncate", [ParamKind.String, ParamKind.Int], null, a => TemplateValue.FromString(DockerFunctions.Truncate(a[0].AsString, a[1].AsInt))),
    ]);

    /// <summary>
    /// docker's HeaderFunctions: while the header row is rendered from the header map, json,
    /// split, join, title, lower, upper and truncate return their first argument, so
    /// "{{upper .Names}}" is headed NAMES and not transformed. pad still pads, keeping columns aligned.
    /// </summary>
    public static IReadOnlyDictionary<string, TemplateFunction> Header { get; } = BuildHeader();

    static Dictionary<string, TemplateFunction> Build(IEnumerable<TemplateFunction> functions) =>
        functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    static Dictionary<string, TemplateFunction> BuildHeader()
    {
        var header = new Dictionary<string, TemplateFunction>(Standard, StringComparer.Ordinal);
        foreach (var (name, parameters) in new (string, ParamKind[])[]
        {
            ("json", [ParamKind.String]),
            ("split", [ParamKind.String, ParamKind.String]),
            ("join", [ParamKind.String, ParamKind.String]),
            ("title", [ParamKind.String]),
            ("lower", [ParamKind.String]),
            ("upper", [ParamKind.String]),
            ("truncate", [ParamKind.String, ParamKind.Int]),
        })
        {
            header[name] = new TemplateFunction(name, parameters, null, a => a[0]);
        }
        return header;
    }
}
