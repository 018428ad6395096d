using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// Runs a parse tree over data, as Go's text/template executes: dot is the current value,
/// variables live on a stack scoped by if/with/range, text and printed values go to the
/// writer as they are produced. One executor per execution; the tree is shared and read-only.
/// </summary>
sealed partial class TemplateExecutor
{
    readonly string source;
    readonly TextWriter output;
    readonly IReadOnlyDictionary<string, TemplateFunction> functions;
    readonly MissingKey missingKey;
    readonly List<(string Name, TemplateValue Value)> variables = [];
    Node? current;

    enum Flow { Normal, Break, Continue }

    public TemplateExecutor(string source, TextWriter output, IReadOnlyDictionary<string, TemplateFunction> functions, MissingKey missingKey)
    {
        this.source = source;
        this.output = output;
        this.functions = functions;
        this.missingKey = missingKey;
    }

    public void Run(ListNode root, TemplateValue data)
    {
        variables.Add(("$", data));
        Walk(data, root);
    }

    /// <summary>Go's "template: :LINE:COL: executing \"\" at &lt;NODE&gt;: MESSAGE", COL counted in bytes.</summary>
    TemplateException Error(string message)
    {
        if (current is null) return new TemplateException($"template: : {message}");
        int pos = Math.Min(current.Pos, source.Length);
        int lineStart = source.LastIndexOf('\n', Math.Max(pos - 1, 0)) + 1;
        if (pos == 0) lineStart = 0;
        int line = 1 + source.AsSpan(0, pos).Count('\n');
        int column = Encoding.UTF8.GetByteCount(source.AsSpan(lineStart, pos - lineStart));
        return new TemplateException($"template: :{line}:{column}: executing \"\" at <{current}>: {message}");
    }

    Flow Walk(TemplateValue dot, Node node)
    {
        current = node;
        switch (node)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0) Print(value);
                return Flow.Normal;
            case TextNode text:
                output.Write(text.Text);
                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal) return flow;
                }
                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw Error($"unknown node: {node}");
        }
    }

    void Print(TemplateValue value)
    {
        if (value.Kind == TemplateValueKind.String)
        {
            output.Write(value.AsString);
            return;
        }
        var sb = new StringBuilder();
        GoFormatter.AppendV(sb, value);
        output.Write(sb.ToString());
    }

    /// <summary>if and with: with also moves dot to the value. Break and continue pass through to the enclosing range.</summary>
    Flow WalkIfOrWith(TemplateValue dot, BranchNode branch)
    {
        int mark = variables.Count;
        var value = EvalPipeline(dot, branch.Pipe);
        Flow flow = Flow.Normal;
        if (Truth.IsTrue(value))
            flow = Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
        else if (branch.ElseList is not null)
            flow = Walk(dot, branch.ElseList);
        variables.RemoveRange(mark, variables.Count - mark);
        return flow;
    }

    /// <summary>range over an array (index, element), a map (key, value in sorted key order) or an int (0..n-1).</summary>
    Flow WalkRange(TemplateValue dot, BranchNode range)
    {
        current = range;
        int mark = variables.Count;
        var value = EvalPipeline(dot, range.Pipe);
        int bodyMark = variables.Count;
        int iterations = 0;
        switch (value.Kind)
        {
            case TemplateValueKind.Array:
                for (int i = 0; i < value.Count; i++)
                {
                    iterations++;
                    if (Iterate(range, TemplateValue.FromInt(i), value[i], bodyMark) == Flow.Break) break;
                }
                break;
            case TemplateValueKind.Map:
                foreach (var key in value.SortedKeys)
                {
                    iterations++;
                    value.TryGetEntry(key, out var entry);
                    if (Iterate(range, TemplateValue.FromString(key), entry, bodyMark) == Flow.Break) break;
                }
                break;
            case TemplateValueKind.Int:
                if (range.Pipe.Decl.Count > 1)
                    throw Error($"can't use {value} to iterate over more than one variable");
                for (long i = 0; i < value.AsInt; i++)
                {
                    iterations++;
                    if (Iterate(range, TemplateValue.FromInt(i), TemplateValue.FromInt(i), bodyMark) == Flow.Break) break;
                }
                break;
            case TemplateValueKind.Missing or TemplateValueKind.Nil:
                break; // like a nil map: nothing to iterate, not an error
            default:
                throw Error($"range can't iterate over {value}");
        }
        if (iterations == 0 && range.ElseList is not null)
            Walk(dot, range.ElseList);
        variables.RemoveRange(mark, variables.Count - mark);
        return Flow.Normal;
    }

    Flow Iterate(BranchNode range, TemplateValue index, TemplateValue element, int bodyMark)
    {
        var decl = range.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (range.Pipe.IsAssign)
            {
                // With two variables the index comes first; with one, it is the element.
                SetVariable(decl[0].Ident[0], decl.Count > 1 ? index : element);
                if (decl.Count > 1) SetVariable(decl[1].Ident[0], element);
            }
            else
            {
                variables[^1] = (variables[^1].Name, element);
                if (decl.Count > 1) variables[^2] = (variables[^2].Name, index);
            }
        }
        var flow = Walk(element, range.List);
        variables.RemoveRange(bodyMark, variables.Count - bodyMark);
        return flow;
    }

    TemplateValue VariableValue(string name)
    {
        for (int i = variables.Count - 1; i >= 0; i--)
            if (variables[i].Name == name) return variables[i].Value;
        throw Error($"undefined variable: {name}");
    }

    void SetVariable(string name, TemplateValue value)
    {
        for (int i = variables.Count - 1; i >= 0; i--)
        {
            if (variables[i].Name == name)
            {
                variables[i] = (name, value);
                return;
            }
        }
        throw Error($"undefined variable: {name}");
    }
}
