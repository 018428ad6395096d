using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// The parse tree of a template, after Go's text/template/parse. Every node knows where it
/// starts (for "template: :1:2: executing ... at &lt;.Nope&gt;") and prints as its source form.
/// </summary>
abstract class Node(int pos)
{
    public int Pos { get; } = pos;
}

sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];
}

sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;
}

/// <summary>{{pipeline}}: prints the value unless the pipeline declares variables.</summary>
sealed class ActionNode(int pos, PipeNode pipe) : Node(pos)
{
    public PipeNode Pipe { get; } = pipe;
    public override string ToString() => $"{{{{{Pipe}}}}}";
}

enum BranchKind { If, With, Range }

/// <summary>if, with and range: a pipeline, a body, and an optional else body.</summary>
sealed class BranchNode(int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;
    public PipeNode Pipe { get; } = pipe;
    public ListNode List { get; } = list;
    public ListNode? ElseList { get; } = elseList;
}

sealed class BreakNode(int pos) : Node(pos);

sealed class ContinueNode(int pos) : Node(pos);

/// <summary>Commands joined by "|", optionally declaring ($x := ...) or assigning ($x = ...) variables.</summary>
sealed class PipeNode(int pos) : Node(pos)
{
    public bool IsAssign { get; set; }
    public List<VariableNode> Decl { get; } = [];
    public List<CommandNode> Commands { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Decl.Count > 0)
        {
            sb.Append(string.Join(", ", Decl)).Append(IsAssign ? " = " : " := ");
        }
        return sb.Append(string.Join(" | ", Commands)).ToString();
    }
}

/// <summary>One command: an operand, or a function or method followed by its arguments.</summary>
sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(" ", Args.Select(a => a is PipeNode ? $"({a})" : a.ToString()));
}

/// <summary>.A.B: fields looked up from dot.</summary>
sealed class FieldNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;
    public override string ToString() => string.Concat(Ident.Select(i => "." + i));
}

/// <summary>$x.A.B: a variable (Ident[0], "$x" or "$") then fields.</summary>
sealed class VariableNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;
    public override string ToString() => Ident[0] + string.Concat(Ident.Skip(1).Select(i => "." + i));
}

/// <summary>(pipeline).A.B: fields looked up on another term's value.</summary>
sealed class ChainNode(int pos, Node node, string[] fields) : Node(pos)
{
    public Node Target { get; } = node;
    public string[] Fields { get; } = fields;
    public override string ToString() =>
        (Target is PipeNode ? $"({Target})" : Target.ToString()) + string.Concat(Fields.Select(f => "." + f));
}

/// <summary>A function name; resolved when the template is parsed.</summary>
sealed class IdentifierNode(int pos, string name) : Node(pos)
{
    public string Name { get; } = name;
    public override string ToString() => Name;
}

sealed class DotNode(int pos) : Node(pos)
{
    public override string ToString() => ".";
}

sealed class NilNode(int pos) : Node(pos)
{
    public override string ToString() => "nil";
}

sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A number literal; which Go types it fits (Go's ideal constants).</summary>
sealed class NumberNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;
    public bool IsInt { get; init; }
    public bool IsFloat { get; init; }
    public long Int { get; init; }
    public double Float { get; init; }

    /// <summary>The value with no type to fit: a float if written like one ("1.5", "1e3"), else an int.</summary>
    public TemplateValue Value => IsFloat && !IsHexInt && Text[0] != '\'' && Text.AsSpan().IndexOfAny(".eEpP") >= 0
        ? TemplateValue.FromFloat(Float)
        : TemplateValue.FromInt(Int);

    bool IsHexInt => Text.Length > 2 && Text[0] == '0' && Text[1] is 'x' or 'X' && Text.AsSpan().IndexOfAny("pP") < 0;

    public override string ToString() => Text;
}

sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;
    public string Text { get; } = text;
    public override string ToString() => Quoted;
}
