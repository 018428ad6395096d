namespace Cais.Cli.Format.Templates;

/// <summary>Function calls and their arguments, checked against the function's parameters as Go checks them.</summary>
sealed partial class TemplateExecutor
{
    /// <summary>Calls a function: args[0] is its name, the rest its arguments; a piped value comes last.</summary>
    TemplateValue EvalFunction(TemplateValue dot, IdentifierNode identifier, Node context, List<Node> args, TemplateValue? final)
    {
        current = identifier;
        string name = identifier.Name;
        if (!functions.TryGetValue(name, out var function))
            throw Error($"{GoQuote.Quote(name)} is not a defined function");
        int given = Math.Max(args.Count - 1, 0);
        int count = given + (final is null ? 0 : 1);
        int fixedCount = function.Parameters.Length;
        if (function.Variadic is null && count != fixedCount)
            throw Error($"wrong number of args for {name}: want {fixedCount} got {count}");
        if (function.Variadic is not null && count < fixedCount)
            throw Error($"wrong number of args for {name}: want at least {fixedCount} got {given}");

        if (function.ShortCircuits)
            return EvalAndOr(dot, name == "or", args, final);

        var values = new TemplateValue[count];
        for (int i = 0; i < given; i++)
            values[i] = EvalArg(dot, args[i + 1], function.KindOf(i));
        current = context;
        if (final is { } piped)
            values[^1] = Convert(piped, function.KindOf(count - 1));
        try
        {
            return function.Invoke(values);
        }
        catch (TemplateCallException e)
        {
            current = context;
            throw Error($"error calling {name}: {e.Message}");
        }
    }

    /// <summary>and/or: the first argument that decides (false for and, true for or), else the last one.</summary>
    TemplateValue EvalAndOr(TemplateValue dot, bool isOr, List<Node> args, TemplateValue? final)
    {
        var value = TemplateValue.Missing;
        for (int i = 1; i < args.Count; i++)
        {
            value = EvalArg(dot, args[i], ParamKind.Value);
            if (Truth.IsTrue(value) == isOr) return value;
        }
        return final ?? value;
    }

    /// <summary>One argument: literals are checked against the parameter's type as written, other values after evaluation.</summary>
    TemplateValue EvalArg(TemplateValue dot, Node node, ParamKind kind)
    {
        current = node;
        TemplateValue value;
        switch (node)
        {
            case NumberNode number:
                return kind switch
                {
                    ParamKind.Int when number.IsInt => TemplateValue.FromInt(number.Int),
                    ParamKind.Int => throw Error($"expected integer; found {number.Text}"),
                    ParamKind.String or ParamKind.StringList => throw Error($"expected {TemplateFunction.GoTypeOf(kind)}; found {number.Text}"),
                    _ => number.Value,
                };
            case BoolNode boolean:
                if (kind is ParamKind.String or ParamKind.Int or ParamKind.StringList)
                    throw Error($"expected {TemplateFunction.GoTypeOf(kind)}; found {boolean}");
                return TemplateValue.FromBool(boolean.Value);
            case NilNode:
                if (kind is ParamKind.String or ParamKind.Int)
                    throw Error($"cannot assign nil to {TemplateFunction.GoTypeOf(kind)}");
                return kind == ParamKind.StringList ? TemplateValue.FromList([]) : TemplateValue.Nil;
            case StringNode text:
                if (kind is ParamKind.Int or ParamKind.StringList)
                    throw Error($"expected {(kind == ParamKind.Int ? "integer" : "[]string")}; found {text.Quoted}");
                return TemplateValue.FromString(text.Text);
            case DotNode:
                value = dot;
                break;
            case FieldNode field:
                value = EvalFieldChain(dot, dot, field, field.Ident, NoArgs, null);
                break;
            case VariableNode variable:
                value = EvalVariable(dot, variable, NoArgs, null);
                break;
            case PipeNode pipe:
                value = EvalPipeline(dot, pipe);
                break;
            case IdentifierNode identifier:
                value = EvalFunction(dot, identifier, identifier, NoArgs, null);
                break;
            case ChainNode chain:
                value = EvalChain(dot, chain, NoArgs, null);
                break;
            default:
                throw Error($"can't handle {node} as an argument");
        }
        current = node;
        return Convert(value, kind);
    }

    /// <summary>A value as the parameter wants it; a missing value is nil where Go would accept nil.</summary>
    TemplateValue Convert(TemplateValue value, ParamKind kind)
    {
        switch (kind)
        {
            case ParamKind.Value:
                return value;
            case ParamKind.Any:
                return value.IsMissing ? TemplateValue.Nil : value;
            case ParamKind.String when value.Kind == TemplateValueKind.String:
            case ParamKind.Int when value.Kind == TemplateValueKind.Int:
                return value;
            case ParamKind.StringList when value.Kind == TemplateValueKind.Array:
                // JSON arrays are []interface{} in Go terms; join takes their elements as text.
                var items = new TemplateValue[value.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    var item = value[i];
                    items[i] = item.Kind == TemplateValueKind.String ? item : TemplateValue.FromString(GoFormatter.Sprint(item));
                }
                return TemplateValue.FromList(items);
            case ParamKind.StringList when value.Kind is TemplateValueKind.Missing or TemplateValueKind.Nil:
                return TemplateValue.FromList([]);
        }
        if (value.IsMissing)
            throw Error($"invalid value; expected {TemplateFunction.GoTypeOf(kind)}");
        throw Error($"wrong type for value; expected {TemplateFunction.GoTypeOf(kind)}; got {value.GoTypeName}");
    }
}
