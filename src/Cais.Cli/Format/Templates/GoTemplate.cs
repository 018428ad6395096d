namespace Cais.Cli.Format.Templates;

/// <summary>
/// A Go text/template, parsed once and executed any number of times (safe to share between
/// threads: execution state lives in the executor). Accepts what docker's --format accepts:
/// Go's template language with docker's functions (json, join, split, lower, upper, title,
/// pad, truncate).
/// </summary>
public sealed class GoTemplate
{
    readonly ListNode root;

    GoTemplate(string text, ListNode root)
    {
        Text = text;
        this.root = root;
    }

    /// <summary>The template source.</summary>
    public string Text { get; }

    /// <summary>Parses a template; a syntax error or unknown function throws a <see cref="TemplateException"/> naming the line.</summary>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(text, TemplateParser.Parse(text, TemplateFunctions.Standard.ContainsKey));
    }

    /// <summary>Executes over data; output written before an error stays written, as in Go.</summary>
    public void Execute(TextWriter output, TemplateValue data, MissingKey missingKey = MissingKey.NoValue) =>
        Execute(output, data, TemplateFunctions.Standard, missingKey);

    /// <summary>Executes and returns the output.</summary>
    public string Execute(TemplateValue data, MissingKey missingKey = MissingKey.NoValue)
    {
        using var writer = new StringWriter();
        Execute(writer, data, missingKey);
        return writer.ToString();
    }

    /// <summary>Executes with docker's header functions, which leave header text as it is.</summary>
    internal void ExecuteHeader(TextWriter output, TemplateValue header) =>
        Execute(output, header, TemplateFunctions.Header, MissingKey.NoValue);

    void Execute(TextWriter output, TemplateValue data, IReadOnlyDictionary<string, TemplateFunction> functions, MissingKey missingKey)
    {
        ArgumentNullException.ThrowIfNull(output);
        new TemplateExecutor(Text, output, functions, missingKey).Run(root, data);
    }
}
