namespace Cais.Cli.Daemon;

/// <summary>docker's prompt before a prune: the warning, "[y/N] ", and yes only for "y" or "yes".</summary>
public static class ConfirmPrompt
{
    public static bool Ask(DaemonCli cli, string warning)
    {
        cli.Out.Write($"{warning} [y/N] ");
        cli.Out.Flush();
        var answer = Console.In.ReadLine();
        if (answer is null) cli.Out.WriteLine();
        return answer?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
