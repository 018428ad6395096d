namespace Cais.Cli.Daemon;

/// <summary>
/// A verb failed in a way it words itself ("Error: No such object: web", "cowardly refusing to
/// save to a terminal..."): the message goes to stderr as it is, and the exit status is
/// <see cref="Status"/> (1, as docker's, unless said otherwise).
/// </summary>
public sealed class CommandException(string message, int status = 1) : Exception(message)
{
    public int Status { get; } = status;
}
