namespace Cais.Cli.Format.Templates;

/// <summary>
/// What a table's header line is rendered from: docker's SubHeaderContext, a map of field name to
/// column title ("ID" → "CONTAINER ID") with one method, Label, whose title is the label's last
/// dotted part with '-' and '_' made spaces ({{.Label "com.example.my-tier"}} → "my tier").
/// </summary>
sealed class HeaderRow(IReadOnlyDictionary<string, string> headers) : ITemplateObject
{
    public IEnumerable<string> FieldNames => headers.Keys;

    public string TypeName => "formatter.SubHeaderContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        // A field the row has but the header map lacks prints "<no value>", as a missing map key does in Go.
        value = headers.TryGetValue(name, out var title) ? TemplateValue.FromString(title) : TemplateValue.Missing;
        return true;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        if (name != "Label") return false;
        if (args.Count != 1) throw new TemplateCallException($"wrong number of args for Label: want 1 got {args.Count}");
        if (args[0].Kind != TemplateValueKind.String) throw new TemplateCallException($"wrong type for value; expected string; got {args[0].GoTypeName}");
        var parts = args[0].AsString.Split('.');
        result = TemplateValue.FromString(parts[^1].Replace('-', ' ').Replace('_', ' '));
        return true;
    }
}
