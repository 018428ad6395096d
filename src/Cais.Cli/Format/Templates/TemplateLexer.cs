namespace Cais.Cli.Format.Templates;

/// <summary>
/// Splits a template into tokens as Go's text/template lexer does: text outside "{{ }}",
/// trim markers "{{- " and " -}}" that eat the whitespace beside them, comments
/// "{{/* */}}" (dropped), and inside actions the words of the language. A lexical error
/// becomes an Error token and ends the stream, so the parser reports it where it meets it.
/// </summary>
sealed class TemplateLexer
{
    const string LeftDelim = "{{", RightDelim = "}}", LeftComment = "/*", RightComment = "*/";

    readonly string input;
    readonly List<Token> tokens = [];
    int pos;
    int start;
    int line = 1;
    int startLine = 1;
    int parenDepth;

    TemplateLexer(string input) => this.input = input;

    public static List<Token> Lex(string input)
    {
        var lexer = new TemplateLexer(input);
        lexer.Run();
        return lexer.tokens;
    }

    static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    char Peek(int offset = 0) => pos + offset < input.Length ? input[pos + offset] : '\0';

    bool AtEnd => pos >= input.Length;

    void Emit(TokenKind kind)
    {
        tokens.Add(new Token(kind, start, input[start..pos], startLine));
        Ignore();
    }

    void Ignore()
    {
        for (int i = start; i < pos; i++)
            if (input[i] == '\n') line++;
        start = pos;
        startLine = line;
    }

    bool Fail(string message)
    {
        tokens.Add(new Token(TokenKind.Error, start, message, startLine));
        return false;
    }

    void Run()
    {
        bool trimNextText = false;
        while (true)
        {
            if (trimNextText)
            {
                while (!AtEnd && IsSpace(input[pos])) pos++;
                Ignore();
            }
            int delim = input.IndexOf(LeftDelim, pos, StringComparison.Ordinal);
            if (delim < 0)
            {
                pos = input.Length;
                if (pos > start) Emit(TokenKind.Text);
                tokens.Add(new Token(TokenKind.Eof, pos, "", line));
                return;
            }
            bool trimLeft = delim + 3 < input.Length && input[delim + 2] == '-' && IsSpace(input[delim + 3]);
            int textEnd = delim;
            if (trimLeft)
                while (textEnd > start && IsSpace(input[textEnd - 1])) textEnd--;
            pos = textEnd;
            if (pos > start) Emit(TokenKind.Text);
            pos = delim;
            Ignore();
            int afterMarker = delim + LeftDelim.Length + (trimLeft ? 2 : 0);
            if (string.CompareOrdinal(input, afterMarker, LeftComment, 0, LeftComment.Length) == 0)
            {
                pos = afterMarker;
                if (!LexComment(out trimNextText)) return;
                continue;
            }
            pos = delim + LeftDelim.Length;
            Emit(TokenKind.LeftDelim);
            pos = afterMarker;
            Ignore();
            if (!LexInsideAction(out trimNextText)) return;
        }
    }

    /// <summary>At a right delimiter: "}}" or whitespace then "-}}" (which trims the text after it).</summary>
    bool AtRightDelim(out bool trim, out int length)
    {
        trim = pos + 1 < input.Length && IsSpace(input[pos]) && input[pos + 1] == '-'
            && string.CompareOrdinal(input, pos + 2, RightDelim, 0, RightDelim.Length) == 0;
        length = trim ? 2 + RightDelim.Length : RightDelim.Length;
        return trim || string.CompareOrdinal(input, pos, RightDelim, 0, RightDelim.Length) == 0;
    }

    bool LexComment(out bool trimAfter)
    {
        trimAfter = false;
        int end = input.IndexOf(RightComment, pos + LeftComment.Length, StringComparison.Ordinal);
        if (end < 0) return Fail("unclosed comment");
        pos = end + RightComment.Length;
        if (!AtRightDelim(out trimAfter, out int length))
            return Fail("comment ends before closing delimiter");
        pos += length;
        Ignore();
        return true;
    }

    bool LexInsideAction(out bool trimAfter)
    {
        trimAfter = false;
        parenDepth = 0;
        while (true)
        {
            if (AtRightDelim(out bool trim, out int length))
            {
                if (parenDepth > 0) return Fail("unclosed left paren");
                if (trim)
                {
                    pos++; // the space belongs to the delimiter
                    Ignore();
                }
                pos += trim ? length - 1 : length;
                Emit(TokenKind.RightDelim);
                trimAfter = trim;
                return true;
            }
            if (AtEnd) return Fail("unclosed action");
            char c = input[pos];
            if (IsSpace(c))
            {
                // Leave the last space if it starts " -}}".
                while (!AtEnd && IsSpace(input[pos]) && !AtRightDelim(out _, out _)) pos++;
                if (pos > start) Emit(TokenKind.Space);
                continue;
            }
            if (!LexActionItem(c)) return false;
        }
    }

    bool LexActionItem(char c)
    {
        switch (c)
        {
            case '=':
                pos++;
                Emit(TokenKind.Assign);
                return true;
            case ':':
                if (Peek(1) != '=') return Fail("expected :=");
                pos += 2;
                Emit(TokenKind.Declare);
                return true;
            case '|':
                pos++;
                Emit(TokenKind.Pipe);
                return true;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '\'':
                return LexChar();
            case '$':
                pos++;
                return LexFieldOrVariable(TokenKind.Variable);
            case '.' when !char.IsAsciiDigit(Peek(1)):
                pos++;
                return LexFieldOrVariable(TokenKind.Field);
            case '(':
                pos++;
                parenDepth++;
                Emit(TokenKind.LeftParen);
                return true;
            case ')':
                pos++;
                if (--parenDepth < 0) return Fail("unexpected right paren");
                Emit(TokenKind.RightParen);
                return true;
        }
        if (c is '+' or '-' or '.' || char.IsAsciiDigit(c))
            return LexNumber();
        if (IsAlphaNumeric(c))
            return LexIdentifier();
        if (c < 0x7F && c >= 0x20)
        {
            pos++;
            Emit(TokenKind.Char);
            return true;
        }
        return Fail($"unrecognized character in action: {DescribeRune(c)}");
    }

    /// <summary>Go's %#U: U+0021 '!'.</summary>
    static string DescribeRune(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"U+{(int)c:X4} '{c}'";

    /// <summary>What may follow a word: space, end of action, or punctuation that starts the next item.</summary>
    bool AtTerminator()
    {
        if (AtEnd) return true;
        char c = input[pos];
        // Go accepts the first rune of the right delimiter, so "{{.Name}" fails at the lone "}".
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || c == RightDelim[0];
    }

    bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }
        while (!AtEnd && IsAlphaNumeric(input[pos])) pos++;
        if (!AtTerminator()) return Fail($"bad character {DescribeRune(input[pos])}");
        Emit(kind);
        return true;
    }

    bool LexIdentifier()
    {
        while (!AtEnd && IsAlphaNumeric(input[pos])) pos++;
        if (!AtTerminator()) return Fail($"bad character {DescribeRune(input[pos])}");
        string word = input[start..pos];
        Emit(word switch
        {
            "block" => TokenKind.Block,
            "break" => TokenKind.Break,
            "continue" => TokenKind.Continue,
            "define" => TokenKind.Define,
            "else" => TokenKind.Else,
            "end" => TokenKind.End,
            "if" => TokenKind.If,
            "range" => TokenKind.Range,
            "template" => TokenKind.Template,
            "with" => TokenKind.With,
            "nil" => TokenKind.Nil,
            "true" or "false" => TokenKind.Bool,
            _ => TokenKind.Identifier,
        });
        return true;
    }

    bool LexQuote()
    {
        pos++;
        while (true)
        {
            if (AtEnd || input[pos] == '\n') return Fail("unterminated quoted string");
            char c = input[pos++];
            if (c == '\\')
            {
                if (AtEnd || input[pos] == '\n') return Fail("unterminated quoted string");
                pos++;
            }
            else if (c == '"')
            {
                Emit(TokenKind.String);
                return true;
            }
        }
    }

    bool LexRawQuote()
    {
        int end = input.IndexOf('`', pos + 1);
        if (end < 0) return Fail("unterminated raw quoted string");
        pos = end + 1;
        Emit(TokenKind.RawString);
        return true;
    }

    bool LexChar()
    {
        pos++;
        while (true)
        {
            if (AtEnd || input[pos] == '\n') return Fail("unterminated character constant");
            char c = input[pos++];
            if (c == '\\')
            {
                if (AtEnd || input[pos] == '\n') return Fail("unterminated character constant");
                pos++;
            }
            else if (c == '\'')
            {
                Emit(TokenKind.CharConstant);
                return true;
            }
        }
    }

    /// <summary>Go's number syntax: sign, 0x/0o/0b prefixes, underscores, fraction, exponent; the parser checks the value.</summary>
    bool LexNumber()
    {
        if (Peek() is '+' or '-') pos++;
        string digits = "0123456789_";
        bool hex = false;
        if (Peek() == '0' && Peek(1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            char prefix = char.ToLowerInvariant(Peek(1));
            pos += 2;
            digits = prefix switch { 'x' => "0123456789abcdefABCDEF_", 'o' => "01234567_", _ => "01_" };
            hex = prefix == 'x';
        }
        AcceptRun(digits);
        if (Peek() == '.')
        {
            pos++;
            AcceptRun(digits);
        }
        if (!hex && Peek() is 'e' or 'E' || hex && Peek() is 'p' or 'P')
        {
            pos++;
            if (Peek() is '+' or '-') pos++;
            AcceptRun("0123456789_");
        }
        if (Peek() == 'i') pos++;
        if (!AtEnd && IsAlphaNumeric(input[pos]))
        {
            pos++;
            return Fail($"bad number syntax: {GoQuote.Quote(input[start..pos])}");
        }
        Emit(TokenKind.Number);
        return true;
    }

    void AcceptRun(string valid)
    {
        while (!AtEnd && valid.Contains(input[pos])) pos++;
    }
}
