namespace Cais.Cli.Format.Templates;

/// <summary>The lexical items of Go's template language.</summary>
enum TokenKind
{
    Error, // Value holds the message
    Eof,
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Declare, // :=
    Assign, // =
    Pipe, // |
    LeftParen,
    RightParen,
    Char, // any other printable ASCII character, e.g. ","
    String, // "quoted", Value is the source text with quotes
    RawString, // `raw`
    CharConstant, // 'a'
    Number,
    Bool,
    Nil,
    Dot,
    Field, // .Name
    Variable, // $ or $name
    Identifier, // a function name
    // Keywords
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Range,
    Template,
    With,
}

/// <summary>One lexical item: its kind, where it starts (index into the template text), its text and line.</summary>
readonly record struct Token(TokenKind Kind, int Pos, string Value, int Line)
{
    public bool IsKeyword => Kind >= TokenKind.Block;

    /// <summary>As Go names an item in "unexpected X in Y": EOF, the message, &lt;keyword&gt;, or the quoted text.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Value,
        _ when IsKeyword => $"<{Value}>",
        TokenKind.LeftDelim or TokenKind.RightDelim => GoQuote.Quote(Value),
        _ when Value.Length > 10 => GoQuote.Quote(Value[..10]) + "...",
        _ => GoQuote.Quote(Value),
    };
}
