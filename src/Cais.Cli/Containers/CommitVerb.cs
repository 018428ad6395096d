using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;
using Cais.CommandLine;
using Cais.Images.References;

namespace Cais.Cli.Containers;

/// <summary>`cais commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]`: the container's changes as a new image; prints its ID.</summary>
public static class CommitVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "commit");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes", ArgumentCount.Between(1, 2));
        var f = new FlagSet(command) { Interspersed = false };
        var author = f.String("author", 'a', "", "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
        var changes = f.StringList("change", 'c', "Apply Dockerfile instruction to the created image");
        var message = f.String("message", 'm', "", "Commit message");
        var pause = f.Bool("pause", 'p', "Pause container during commit", defaultValue: true);
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            string? repository = null, tag = null;
            if (rest.Count > 1)
            {
                ImageReference reference;
                try
                {
                    reference = ImageReference.ParseNamed(rest[1]);
                }
                catch (InvalidReferenceException e)
                {
                    throw new CommandException(e.Message);
                }
                if (reference.Digest is not null)
                    throw new CommandException("refusing to create a tag with a digest reference");
                repository = reference.Name;
                tag = reference.Tag;
            }
            var id = await cli.Client.CommitContainerAsync(rest[0], new ContainerCommitOptions
            {
                Repository = repository,
                Tag = tag,
                Comment = message.Value.Length > 0 ? message.Value : null,
                Author = author.Value.Length > 0 ? author.Value : null,
                Pause = pause.Value,
                Changes = changes.Value,
            });
            cli.Out.WriteLine(id);
            return 0;
        });
    }
}
