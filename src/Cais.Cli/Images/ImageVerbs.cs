using Cais.Cli.Containers;
using Cais.Cli.Images;

namespace Cais.Cli.Daemon;

// The image verbs, through the daemon, and the image group.
public static partial class DaemonVerbs
{
    static partial void RegisterImages(Dictionary<string, DaemonVerb> verbs)
    {
        verbs["images"] = ImagesVerb.Run;
        verbs["rmi"] = RmiVerb.Run;
        verbs["tag"] = TagVerb.Run;
        verbs["history"] = HistoryVerb.Run;
        verbs["save"] = SaveVerb.Run;
        verbs["load"] = LoadVerb.Run;
        verbs["import"] = ImportVerb.Run;
        verbs["image"] = (cli, args) => ImageGroup().Run(cli, args);
    }

    /// <summary>`cais image SUBCOMMAND`.</summary>
    static VerbGroup ImageGroup() => new VerbGroup("image", "Manage images")
        .Add("bootstrap", "Make a base image from this machine (busybox, debian:SUITE)", (cli, args) => cli.Engine.Bootstrap(cli, args))
        .Add("history", "Show the history of an image", (cli, args) => HistoryVerb.Run(cli, args, "image history"))
        .Add("import", "Import the contents from a tarball to create a filesystem image", (cli, args) => ImportVerb.Run(cli, args, "image import"))
        .Add("inspect", "Display detailed information on one or more images", InspectVerb.RunImage)
        .Add("load", "Load an image from a tar archive or STDIN", (cli, args) => LoadVerb.Run(cli, args, "image load"))
        .Add("ls", "List images", (cli, args) => ImagesVerb.Run(cli, args, "image ls"), "list")
        .Add("prune", "Remove unused images", (cli, args) => ImagePruneVerb.Run(cli, args))
        .Add("rm", "Remove one or more images", (cli, args) => RmiVerb.Run(cli, args, "image rm"), "remove")
        .Add("save", "Save one or more images to a tar archive (streamed to STDOUT by default)", (cli, args) => SaveVerb.Run(cli, args, "image save"))
        .Add("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", (cli, args) => TagVerb.Run(cli, args, "image tag"));
}
