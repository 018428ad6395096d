using Cais.Cli.Daemon;
using Cais.Images.References;

namespace Cais.Cli.Images;

/// <summary>`cais tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`.</summary>
public static class TagVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "tag");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", ArgumentCount.Exactly(2));
        return VerbRunner.Run(cli, usage, args, async rest =>
        {
            ImageReference target;
            try
            {
                target = ImageReference.ParseNamed(rest[1]);
            }
            catch (InvalidReferenceException e)
            {
                throw new CommandException($"Error parsing reference: \"{rest[1]}\" is not a valid repository/tag: {e.Message}");
            }
            if (target.Digest is not null)
                throw new CommandException("refusing to create a tag with a digest reference");
            await cli.Client.TagImageAsync(rest[0], target.Name, target.Tag ?? ImageReference.DefaultTag);
            return 0;
        });
    }
}
