using Cais.Cli.Containers;
using Cais.Cli.SystemInfo;

namespace Cais.Cli.Daemon;

// The container lifecycle verbs, and version and info.
public static partial class DaemonVerbs
{
    static partial void RegisterLifecycle(Dictionary<string, DaemonVerb> verbs)
    {
        verbs["run"] = RunCommand.Run;
        verbs["create"] = CreateCommand.Run;
        verbs["start"] = StartCommand.Run;
        verbs["attach"] = AttachCommand.Run;
        verbs["exec"] = ExecCommand.Run;
        verbs["logs"] = LogsCommand.Run;
        verbs["wait"] = WaitCommand.Run;
        verbs["stop"] = StopCommand.Stop;
        verbs["restart"] = StopCommand.Restart;
        verbs["kill"] = KillCommand.Run;
        verbs["rm"] = RemoveCommand.Run;
        verbs["version"] = VersionCommand.Run;
        verbs["info"] = InfoCommand.Run;
    }
}
