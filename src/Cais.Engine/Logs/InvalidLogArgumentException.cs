namespace Cais.Engine.Logs;

/// <summary>
/// A log option or a logs request that cannot be honoured: a bad --log-opt, a --since the parser
/// does not understand. The message names what was wrong; the API answers it with 400.
/// </summary>
public sealed class InvalidLogArgumentException(string message) : ArgumentException(message);
