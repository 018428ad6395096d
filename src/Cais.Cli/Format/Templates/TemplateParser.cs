namespace Cais.Cli.Format.Templates;

/// <summary>
/// Builds the parse tree from tokens, following the grammar and the error messages of Go's
/// text/template/parse ("template: :1: unexpected \"}\" in operand"). Functions are checked
/// here, as Go does, so a misspelt name fails before anything runs. Named templates
/// (define, template, block) are refused: docker's --format has no use for them.
/// </summary>
sealed partial class TemplateParser
{
    readonly List<Token> tokens;
    readonly Func<string, bool> isFunction;
    readonly List<string> variables = ["$"];
    int index;
    int rangeDepth;

    TemplateParser(string text, Func<string, bool> isFunction)
    {
        tokens = TemplateLexer.Lex(text);
        this.isFunction = isFunction;
    }

    public static ListNode Parse(string text, Func<string, bool> isFunction) => new TemplateParser(text, isFunction).Root();

    /// <summary>Markers for {{end}} and {{else}}: they close a list and never reach the tree.</summary>
    sealed class EndMarker(int pos) : Node(pos)
    {
        public override string ToString() => "{{end}}";
    }

    sealed class ElseMarker(int pos) : Node(pos)
    {
        public override string ToString() => "{{else}}";
    }

    Token Next()
    {
        // Past the end, keep answering EOF; the index still moves so Backup stays symmetric.
        var token = tokens[Math.Min(index, tokens.Count - 1)];
        if (token.Kind == TokenKind.Error) throw Error(token, token.Value);
        index++;
        return token;
    }

    void Backup() => index--;

    Token Peek()
    {
        var token = Next();
        Backup();
        return token;
    }

    Token NextNonSpace()
    {
        Token token;
        do token = Next(); while (token.Kind == TokenKind.Space);
        return token;
    }

    Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    TemplateException Error(Token at, string message) => new($"template: :{at.Line}: {message}");

    TemplateException Unexpected(Token token, string context) => Error(token, $"unexpected {token} in {context}");

    Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind) throw Unexpected(token, context);
        return token;
    }

    ListNode Root()
    {
        var root = new ListNode(0);
        while (Peek().Kind != TokenKind.Eof)
        {
            var at = Peek();
            var node = TextOrAction();
            if (node is EndMarker or ElseMarker)
                throw Error(at, $"unexpected {node}");
            if (node is not null) root.Nodes.Add(node);
        }
        return root;
    }

    /// <summary>A list of text and actions up to {{end}} or {{else}}, which is returned as the terminator.</summary>
    (ListNode List, Node Terminator) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndMarker or ElseMarker) return (list, node);
            if (node is not null) list.Nodes.Add(node);
        }
        throw Error(Peek(), "unexpected EOF");
    }

    Node? TextOrAction()
    {
        var token = NextNonSpace();
        return token.Kind switch
        {
            TokenKind.Text => new TextNode(token.Pos, token.Value),
            TokenKind.LeftDelim => Action(),
            _ => throw Unexpected(token, "input"),
        };
    }

    Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block or TokenKind.Define or TokenKind.Template:
                throw Error(token, $"{{{{{token.Value}}}}} is not supported: a --format template is a single template without named parts");
            case TokenKind.Break:
                return LoopControl(token, "break", () => new BreakNode(token.Pos));
            case TokenKind.Continue:
                return LoopControl(token, "continue", () => new ContinueNode(token.Pos));
            case TokenKind.Else:
                return ElseControl();
            case TokenKind.End:
                Expect(TokenKind.RightDelim, "end");
                return new EndMarker(token.Pos);
            case TokenKind.If:
                return Control(BranchKind.If, "if");
            case TokenKind.Range:
                return Control(BranchKind.Range, "range");
            case TokenKind.With:
                return Control(BranchKind.With, "with");
        }
        Backup();
        return new ActionNode(token.Pos, Pipeline("command", TokenKind.RightDelim));
    }

    Node LoopControl(Token keyword, string name, Func<Node> make)
    {
        var token = NextNonSpace();
        if (token.Kind != TokenKind.RightDelim) throw Unexpected(token, $"{{{{{name}}}}}");
        if (rangeDepth == 0) throw Error(keyword, $"{{{{{name}}}}} outside {{{{range}}}}");
        return make();
    }

    /// <summary>{{else}}, or {{else if ...}} / {{else with ...}} with the if/with left to be parsed as a nested branch.</summary>
    Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With) return new ElseMarker(peek.Pos);
        var token = Expect(TokenKind.RightDelim, "else");
        return new ElseMarker(token.Pos);
    }

    BranchNode Control(BranchKind kind, string context)
    {
        int scope = variables.Count;
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == BranchKind.Range) rangeDepth++;
        var (list, next) = ItemList();
        if (kind == BranchKind.Range) rangeDepth--;
        ListNode? elseList = null;
        if (next is ElseMarker)
        {
            if (kind == BranchKind.If && Peek().Kind == TokenKind.If)
            {
                // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}: one {{end}} closes both.
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Control(BranchKind.If, "if"));
            }
            else if (kind == BranchKind.With && Peek().Kind == TokenKind.With)
            {
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Control(BranchKind.With, "with"));
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not EndMarker) throw Error(Peek(), $"expected end; found {next}");
            }
        }
        variables.RemoveRange(scope, variables.Count - scope);
        return new BranchNode(pipe.Pos, kind, pipe, list, elseList);
    }
}
