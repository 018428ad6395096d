namespace Cais.Cli.Containers;

/// <summary>
/// The options of a verb do not make sense together or a value is wrong in a way the flag parser
/// cannot see (a missing --env-file, --rm with --restart). The message is printed as it is, after
/// "cais: " for run and create.
/// </summary>
public sealed class InvalidOptionException(string message) : Exception(message);
