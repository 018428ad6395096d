using Cais.Cli.Containers;
using Cais.Cli.Containers.DiskUsage;
using Cais.Cli.Containers.Stats;

namespace Cais.Cli.Daemon;

// The verbs that query and manage containers, and the container and system groups.
public static partial class DaemonVerbs
{
    static partial void RegisterQueries(Dictionary<string, DaemonVerb> verbs)
    {
        verbs["ps"] = PsVerb.Run;
        verbs["inspect"] = InspectVerb.Run;
        verbs["top"] = TopVerb.Run;
        verbs["rename"] = RenameVerb.Run;
        verbs["pause"] = PauseVerbs.Pause;
        verbs["unpause"] = PauseVerbs.Unpause;
        verbs["update"] = UpdateVerb.Run;
        verbs["port"] = PortVerb.Run;
        verbs["stats"] = StatsVerb.Run;
        verbs["events"] = EventsVerb.Run;
        verbs["commit"] = CommitVerb.Run;
        verbs["export"] = ExportVerb.Run;
        verbs["diff"] = DiffVerb.Run;
        verbs["container"] = (cli, args) => ContainerGroup().Run(cli, args);
        verbs["system"] = (cli, args) => SystemGroup().Run(cli, args);
    }

    /// <summary>`cais container SUBCOMMAND`: docker's container group, each subcommand the verb of the same job.</summary>
    static VerbGroup ContainerGroup() => new VerbGroup("container", "Manage containers")
        .AddFromRegistry("attach", "Attach local standard input, output, and error streams to a running container", "attach")
        .Add("commit", "Create a new image from a container's changes", (cli, args) => CommitVerb.Run(cli, args, "container commit"))
        .AddFromRegistry("create", "Create a new container", "create")
        .Add("diff", "Inspect changes to files or directories on a container's filesystem", (cli, args) => DiffVerb.Run(cli, args, "container diff"))
        .AddFromRegistry("exec", "Execute a command in a running container", "exec")
        .Add("export", "Export a container's filesystem as a tar archive", (cli, args) => ExportVerb.Run(cli, args, "container export"))
        .Add("inspect", "Display detailed information on one or more containers", InspectVerb.RunContainer)
        .AddFromRegistry("kill", "Kill one or more running containers", "kill")
        .AddFromRegistry("logs", "Fetch the logs of a container", "logs")
        .Add("ls", "List containers", (cli, args) => PsVerb.Run(cli, args, "container ls"), "list", "ps")
        .Add("pause", "Pause all processes within one or more containers", (cli, args) => PauseVerbs.Pause(cli, args, "container pause"))
        .Add("port", "List port mappings or a specific mapping for the container", (cli, args) => PortVerb.Run(cli, args, "container port"))
        .Add("prune", "Remove all stopped containers", (cli, args) => ContainerPruneVerb.Run(cli, args))
        .Add("rename", "Rename a container", (cli, args) => RenameVerb.Run(cli, args, "container rename"))
        .AddFromRegistry("restart", "Restart one or more containers", "restart")
        .AddFromRegistry("rm", "Remove one or more containers", "rm", "remove")
        .AddFromRegistry("run", "Create and run a new container from an image", "run")
        .AddFromRegistry("start", "Start one or more stopped containers", "start")
        .Add("stats", "Display a live stream of container(s) resource usage statistics", (cli, args) => StatsVerb.Run(cli, args, "container stats"))
        .AddFromRegistry("stop", "Stop one or more running containers", "stop")
        .Add("top", "Display the running processes of a container", (cli, args) => TopVerb.Run(cli, args, "container top"))
        .Add("unpause", "Unpause all processes within one or more containers", (cli, args) => PauseVerbs.Unpause(cli, args, "container unpause"))
        .Add("update", "Update configuration of one or more containers", (cli, args) => UpdateVerb.Run(cli, args, "container update"))
        .AddFromRegistry("wait", "Block until one or more containers stop, then print their exit codes", "wait");

    /// <summary>`cais system SUBCOMMAND`: df, events, info, prune.</summary>
    static VerbGroup SystemGroup() => new VerbGroup("system", "Manage cais")
        .Add("df", "Show docker disk usage", (cli, args) => DiskUsageVerb.Run(cli, args))
        .Add("events", "Get real time events from the server", (cli, args) => EventsVerb.Run(cli, args, "system events"))
        .AddFromRegistry("info", "Display system-wide information", "info")
        .Add("prune", "Remove unused data", (cli, args) => SystemPruneVerb.Run(cli, args));
}
