namespace Cais.Cli.Format.Templates;

/// <summary>
/// What a function parameter accepts, after the Go types of text/template's and docker's
/// functions: an untouched value (reflect.Value, where a missing value stays missing), any
/// value (interface{}, where a missing value becomes nil), or a string, int or []string that
/// the argument must be.
/// </summary>
enum ParamKind { Value, Any, String, Int, StringList }

/// <summary>A function callable from templates: its parameters and its body.</summary>
sealed class TemplateFunction(string name, ParamKind[] parameters, ParamKind? variadic, Func<TemplateValue[], TemplateValue> invoke)
{
    public string Name { get; } = name;
    public ParamKind[] Parameters { get; } = parameters;

    /// <summary>The kind of each argument after the fixed ones, or null when there are none.</summary>
    public ParamKind? Variadic { get; } = variadic;

    /// <summary>Runs the function; a TemplateCallException becomes "error calling NAME: ...".</summary>
    public Func<TemplateValue[], TemplateValue> Invoke { get; } = invoke;

    /// <summary>and/or evaluate their arguments one at a time and stop at the first that decides.</summary>
    public bool ShortCircuits => Name is "and" or "or";

    public ParamKind KindOf(int argument) => argument < Parameters.Length ? Parameters[argument] : Variadic ?? ParamKind.Any;

    public static string GoTypeOf(ParamKind kind) => kind switch
    {
        ParamKind.String => "string",
        ParamKind.Int => "int",
        ParamKind.StringList => "[]string",
        ParamKind.Value => "reflect.Value",
        _ => "interface {}",
    };
}
