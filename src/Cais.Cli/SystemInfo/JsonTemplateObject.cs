using System.Text.Json.Nodes;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.SystemInfo;

/// <summary>
/// A JSON object seen by a --format template the way docker's Go structs are: fields by their
/// JSON names, and also by the Go field names that differ from them (docker's version struct has
/// APIVersion, written "ApiVersion" in JSON), so the templates written for docker work.
/// </summary>
public sealed class JsonTemplateObject(JsonObject json, IReadOnlyDictionary<string, string>? goNames = null, string typeName = "object") : ITemplateObject
{
    public bool TryGetField(string name, out TemplateValue value)
    {
        value = default;
        if (!json.TryGetPropertyValue(name, out var node)
            && !(goNames is not null && goNames.TryGetValue(name, out var jsonName) && json.TryGetPropertyValue(jsonName, out node)))
            return false;
        value = node is JsonObject nested && goNames is not null ? TemplateValue.FromObject(new JsonTemplateObject(nested, goNames, name)) : TemplateValue.FromJson(node);
        return true;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        return false;
    }

    public IEnumerable<string> FieldNames => json.Select(p => p.Key);

    public string TypeName => typeName;
}
