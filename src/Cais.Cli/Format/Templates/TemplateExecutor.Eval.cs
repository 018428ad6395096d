namespace Cais.Cli.Format.Templates;

/// <summary>Evaluation of pipelines, commands, fields, variables and function calls.</summary>
sealed partial class TemplateExecutor
{
    static readonly List<Node> NoArgs = [];

    TemplateValue EvalPipeline(TemplateValue dot, PipeNode pipe)
    {
        current = pipe;
        TemplateValue? value = null;
        foreach (var command in pipe.Commands)
            value = EvalCommand(dot, command, value); // each command's result is the next one's last argument
        var result = value ?? TemplateValue.Missing;
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign) SetVariable(variable.Ident[0], result);
            else variables.Add((variable.Ident[0], result));
        }
        return result;
    }

    TemplateValue EvalCommand(TemplateValue dot, CommandNode command, TemplateValue? final)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                current = field;
                return EvalFieldChain(dot, dot, field, field.Ident, command.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, command.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Args, final);
            case PipeNode pipe:
                NotAFunction(command.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, command.Args, final);
        }
        current = first;
        NotAFunction(command.Args, final);
        return first switch
        {
            BoolNode b => TemplateValue.FromBool(b.Value),
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => n.Value,
            StringNode s => TemplateValue.FromString(s.Text),
            _ => throw Error($"can't evaluate command {GoQuote.Quote(first.ToString()!)}"),
        };
    }

    void NotAFunction(List<Node> args, TemplateValue? final)
    {
        if (args.Count > 1 || final is not null)
            throw Error($"can't give argument to non-function {args[0]}");
    }

    TemplateValue EvalChain(TemplateValue dot, ChainNode chain, List<Node> args, TemplateValue? final)
    {
        current = chain;
        if (chain.Target is NilNode)
            throw Error($"indirection through explicit nil in {chain}");
        var target = EvalArg(dot, chain.Target, ParamKind.Value);
        current = chain;
        return EvalFieldChain(dot, target, chain, chain.Fields, args, final);
    }

    TemplateValue EvalVariable(TemplateValue dot, VariableNode variable, List<Node> args, TemplateValue? final)
    {
        current = variable;
        var value = VariableValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args, final);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident.AsSpan(1).ToArray(), args, final);
    }

    /// <summary>.A.B.C: each field of the value before; only the last one receives arguments.</summary>
    TemplateValue EvalFieldChain(TemplateValue dot, TemplateValue receiver, Node node, string[] fields, List<Node> args, TemplateValue? final)
    {
        for (int i = 0; i < fields.Length - 1; i++)
            receiver = EvalField(dot, fields[i], node, NoArgs, null, receiver);
        return EvalField(dot, fields[^1], node, args, final, receiver);
    }

    TemplateValue EvalField(TemplateValue dot, string name, Node node, List<Node> args, TemplateValue? final, TemplateValue receiver)
    {
        bool hasArgs = args.Count > 1 || final is not null;
        switch (receiver.Kind)
        {
            case TemplateValueKind.Missing:
                if (missingKey == MissingKey.Error)
                    throw Error($"nil data; no entry for key {GoQuote.Quote(name)}");
                return TemplateValue.Missing;
            case TemplateValueKind.Nil:
                throw Error($"nil pointer evaluating interface {{}}.{name}");
            case TemplateValueKind.Map:
                if (hasArgs)
                    throw Error($"{name} is not a method but has arguments");
                if (receiver.TryGetEntry(name, out var entry))
                    return entry;
                if (missingKey == MissingKey.Error)
                    throw Error($"map has no entry for key {GoQuote.Quote(name)}");
                return TemplateValue.Missing;
            case TemplateValueKind.Object:
                return EvalObjectField(dot, receiver.AsObject, name, node, args, final);
            default:
                throw Error($"can't evaluate field {name} in type {receiver.GoTypeName}");
        }
    }

    /// <summary>A row object's field, or its method when given arguments ({{.Label "com.x"}}).</summary>
    TemplateValue EvalObjectField(TemplateValue dot, ITemplateObject obj, string name, Node node, List<Node> args, TemplateValue? final)
    {
        bool hasArgs = args.Count > 1 || final is not null;
        if (!hasArgs && obj.TryGetField(name, out var field))
            return field;
        var values = new List<TemplateValue>(args.Count);
        for (int i = 1; i < args.Count; i++)
            values.Add(EvalArg(dot, args[i], ParamKind.Any));
        if (final is { } piped)
            values.Add(piped.IsMissing ? TemplateValue.Nil : piped);
        current = node;
        try
        {
            if (obj.TryCallMethod(name, values, out var result))
                return result;
        }
        catch (TemplateCallException e)
        {
            current = node;
            throw Error($"error calling {name}: {e.Message}");
        }
        current = node;
        if (hasArgs && obj.TryGetField(name, out _))
            throw Error($"{name} has arguments but cannot be invoked as function");
        throw Error($"can't evaluate field {name} in type {obj.TypeName}");
    }
}
