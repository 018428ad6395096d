namespace Cais.Cli.Format.Templates;

/// <summary>Go's template truth: false, 0, nil, a missing value and empty strings, arrays and maps are false; all else is true.</summary>
static class Truth
{
    public static bool IsTrue(TemplateValue value) => value.Kind switch
    {
        TemplateValueKind.Missing or TemplateValueKind.Nil => false,
        TemplateValueKind.Bool => value.AsBool,
        TemplateValueKind.Int => value.AsInt != 0,
        TemplateValueKind.Float => value.AsFloat != 0,
        TemplateValueKind.String => value.AsString.Length > 0,
        TemplateValueKind.Array or TemplateValueKind.Map => value.Count > 0,
        _ => true, // Go structs are always true
    };
}
