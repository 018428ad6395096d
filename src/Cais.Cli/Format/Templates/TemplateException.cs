namespace Cais.Cli.Format.Templates;

/// <summary>
/// A template that does not parse or fails while executing. The message is worded as Go's
/// text/template words it ("template: :1: unexpected \"}\" in operand",
/// "template: :1:2: executing \"\" at &lt;.Nope&gt;: can't evaluate field Nope in type ..."),
/// so users see what docker would show them. A FormatException, so the CLI reports it as a
/// user error (one line, no stack trace).
/// </summary>
public sealed class TemplateException(string message) : FormatException(message);

/// <summary>
/// Thrown by a template function or an <see cref="ITemplateObject"/> method to reject its
/// arguments or report a failure; the executor adds the position and "error calling NAME: ".
/// </summary>
public sealed class TemplateCallException(string message) : Exception(message);
