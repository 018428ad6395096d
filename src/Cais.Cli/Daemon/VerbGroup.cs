namespace Cais.Cli.Daemon;

/// <summary>
/// A verb with subcommands (`cais container ls`, `cais image rm`, `cais system df`): the
/// subcommand picks the verb; without one, or with --help, the group's usage is printed.
/// </summary>
public sealed class VerbGroup(string name, string summary)
{
    readonly List<(string Name, string Summary, DaemonVerb Verb)> commands = [];
    readonly Dictionary<string, DaemonVerb> byName = new(StringComparer.Ordinal);

    /// <summary>Adds a subcommand; aliases reach it too but are not listed.</summary>
    public VerbGroup Add(string command, string commandSummary, DaemonVerb verb, params string[] aliases)
    {
        commands.Add((command, commandSummary, verb));
        byName[command] = verb;
        foreach (var alias in aliases) byName[alias] = verb;
        return this;
    }

    /// <summary>Adds a subcommand served by a top-level verb of the registry (`container run` is `run`), when that verb exists.</summary>
    public VerbGroup AddFromRegistry(string command, string commandSummary, string topLevel, params string[] aliases)
    {
        if (!DaemonVerbs.TryGet(topLevel, out _)) return this;
        // Looked up when run: the registry is being built while groups are made.
        return Add(command, commandSummary, (cli, args) => DaemonVerbs.TryGet(topLevel, out var verb) ? verb(cli, args) : 1, aliases);
    }

    public int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            var help = args.Count > 0;
            (help ? cli.Out : cli.Error).Write(Usage());
            return help ? 0 : 1;
        }
        if (!byName.TryGetValue(args[0], out var verb))
        {
            cli.Error.WriteLine($"cais: unknown command: cais {name} {args[0]}\n\nRun 'cais {name} --help' for more information");
            return 1;
        }
        return verb(cli, [.. args.Skip(1)]);
    }

    string Usage()
    {
        var text = new System.Text.StringBuilder($"\nUsage:  cais {name} COMMAND\n\n{summary}\n\nCommands:\n");
        int width = commands.Count == 0 ? 0 : commands.Max(c => c.Name.Length);
        foreach (var (command, commandSummary, _) in commands)
            text.Append("  ").Append(command.PadRight(width + 2)).Append(commandSummary).Append('\n');
        text.Append($"\nRun 'cais {name} COMMAND --help' for more information on a command.\n");
        return text.ToString();
    }
}
