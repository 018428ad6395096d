namespace Cais.Cli.Format.Templates;

/// <summary>
/// A value whose fields are computed, as the rows the docker CLI formats are Go structs with
/// methods (ps: <c>.ID</c>, <c>.Names</c>, <c>.Label "com.x"</c>). Fields without arguments
/// are looked up with <see cref="TryGetField"/>; fields given arguments (or a piped value) are
/// calls to <see cref="TryCallMethod"/>.
/// </summary>
public interface ITemplateObject
{
    /// <summary>The value of an argument-free field; false when there is no such field.</summary>
    bool TryGetField(string name, out TemplateValue value);

    /// <summary>
    /// Calls a method with arguments; false when there is no such method. Wrong argument
    /// counts or types are reported by throwing <see cref="TemplateCallException"/>.
    /// </summary>
    bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result);

    /// <summary>
    /// The argument-free fields, as <c>{{json .}}</c> and <c>--format json</c> write them
    /// (docker marshals every such method of the row into one object, keys sorted).
    /// </summary>
    IEnumerable<string> FieldNames => [];

    /// <summary>The type named in error messages ("can't evaluate field X in type T").</summary>
    string TypeName => GetType().Name;
}
