namespace Cais.Cli.Format.Templates;

/// <summary>Pipelines, commands and operands: the inside of an action.</summary>
sealed partial class TemplateParser
{
    PipeNode Pipeline(string context, TokenKind end)
    {
        var pipe = new PipeNode(PeekNonSpace().Pos);
        ParseDeclarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context, token);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                    or TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    /// <summary>"$x :=", "$x =", and in range "$i, $v :=". A variable not followed by := or = is an operand.</summary>
    void ParseDeclarations(PipeNode pipe, string context)
    {
        while (true)
        {
            var variable = PeekNonSpace();
            if (variable.Kind != TokenKind.Variable) return;
            int mark = index;
            Next();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                NextNonSpace();
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                if (pipe.IsAssign && !variables.Contains(variable.Value))
                    throw Error(variable, $"undefined variable {GoQuote.Quote(variable.Value)}");
                pipe.Decl.Add(new VariableNode(variable.Pos, [variable.Value]));
                variables.Add(variable.Value);
                return;
            }
            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Pos, [variable.Value]));
                variables.Add(variable.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                        continue;
                    throw Error(next, "range can only initialize variables");
                }
                throw Error(next, $"too many declarations in {context}");
            }
            index = mark;
            return;
        }
    }

    void CheckPipeline(PipeNode pipe, string context, Token at)
    {
        if (pipe.Commands.Count == 0)
            throw Error(at, $"missing value for {context}");
        for (int i = 1; i < pipe.Commands.Count; i++)
        {
            // Only the first command may be a plain value: "x | 3" has nothing to pass 3's input to.
            if (pipe.Commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
                throw Error(at, $"non executable command in pipeline stage {i + 1}");
        }
    }

    CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null) command.Args.Add(operand);
            var token = Next();
            if (token.Kind == TokenKind.Space) continue;
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
                break;
            }
            if (token.Kind == TokenKind.Pipe) break;
            throw Unexpected(token, "operand");
        }
        if (command.Args.Count == 0)
            throw Error(Peek(), "empty command");
        return command;
    }

    /// <summary>A term, possibly followed by fields: .A.B, $x.A, (pipeline).A.</summary>
    Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field) return node;
        int chainPos = Peek().Pos;
        var fields = new List<string>();
        while (Peek().Kind == TokenKind.Field)
            fields.Add(Next().Value[1..]);
        return node switch
        {
            FieldNode f => new FieldNode(chainPos, [.. f.Ident, .. fields]),
            VariableNode v => new VariableNode(chainPos, [.. v.Ident, .. fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                throw Error(Peek(), $"unexpected . after term {GoQuote.Quote(node.ToString()!)}"),
            _ => new ChainNode(chainPos, node, [.. fields]),
        };
    }

    Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!isFunction(token.Value))
                    throw Error(token, $"function {GoQuote.Quote(token.Value)} not defined");
                return new IdentifierNode(token.Pos, token.Value);
            case TokenKind.Dot:
                return new DotNode(token.Pos);
            case TokenKind.Nil:
                return new NilNode(token.Pos);
            case TokenKind.Variable:
                if (!variables.Contains(token.Value))
                    throw Error(token, $"undefined variable {GoQuote.Quote(token.Value)}");
                return new VariableNode(token.Pos, [token.Value]);
            case TokenKind.Field:
                return new FieldNode(token.Pos, [token.Value[1..]]);
            case TokenKind.Bool:
                return new BoolNode(token.Pos, token.Value == "true");
            case TokenKind.CharConstant or TokenKind.Number:
                return Number(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                try
                {
                    return new StringNode(token.Pos, token.Value, GoLiterals.UnquoteString(token.Value));
                }
                catch (FormatException e)
                {
                    throw Error(token, e.Message);
                }
        }
        Backup();
        return null;
    }

    /// <summary>A number literal and the Go types it fits, as parse.newNumber decides.</summary>
    NumberNode Number(Token token)
    {
        string text = token.Value;
        if (token.Kind == TokenKind.CharConstant)
        {
            int rune;
            try
            {
                rune = GoLiterals.UnquoteChar(text);
            }
            catch (FormatException e)
            {
                throw Error(token, e.Message);
            }
            return new NumberNode(token.Pos, text) { IsInt = true, Int = rune, IsFloat = true, Float = rune };
        }
        if (text.EndsWith('i'))
            throw Error(token, $"complex number {GoQuote.Quote(text)} is not supported");
        if (GoLiterals.TryParseInteger(text, out long integer, out bool overflow))
            return new NumberNode(token.Pos, text) { IsInt = true, Int = integer, IsFloat = true, Float = integer };
        if (overflow)
            throw Error(token, $"{text} overflows int");
        if (text.AsSpan().IndexOfAny(".eE") >= 0 && GoLiterals.TryParseFloat(text, out double number))
        {
            bool integral = Math.Floor(number) == number && number >= long.MinValue && number < 9.2233720368547758e18;
            return new NumberNode(token.Pos, text) { IsFloat = true, Float = number, IsInt = integral, Int = integral ? (long)number : 0 };
        }
        throw Error(token, $"illegal number syntax: {GoQuote.Quote(text)}");
    }
}
