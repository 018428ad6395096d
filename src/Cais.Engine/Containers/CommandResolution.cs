using Cais.Engine.Errors;

namespace Cais.Engine.Containers;

/// <summary>
/// ENTRYPOINT and CMD combined as Docker combines them. The image's Cmd fills in only when the
/// user gave neither an entrypoint nor a command; the image's Entrypoint only when the user
/// gave no entrypoint. `--entrypoint ""` arrives as [""]: it clears the entrypoint after the
/// merge, so neither the image's entrypoint nor its Cmd is used.
/// </summary>
public static class CommandResolution
{
    public sealed record Merged(List<string>? Entrypoint, List<string>? Cmd)
    {
        /// <summary>The executable and its arguments: the entrypoint followed by the command.</summary>
        public (string Path, List<string> Args) PathAndArgs()
        {
            var all = new List<string>(Entrypoint ?? []);
            all.AddRange(Cmd ?? []);
            return (all[0], all.GetRange(1, all.Count - 1));
        }
    }

    public static Merged Merge(IReadOnlyList<string>? userEntrypoint, IReadOnlyList<string>? userCmd,
        IReadOnlyList<string>? imageEntrypoint, IReadOnlyList<string>? imageCmd)
    {
        List<string>? entrypoint = userEntrypoint is null ? null : [.. userEntrypoint];
        List<string>? cmd = userCmd is null ? null : [.. userCmd];
        if (entrypoint is not { Count: > 0 })
        {
            if (cmd is not { Count: > 0 }) cmd = imageCmd is null ? null : [.. imageCmd];
            if (entrypoint is null) entrypoint = imageEntrypoint is null ? null : [.. imageEntrypoint];
        }
        if (entrypoint is [""]) entrypoint = null;
        if (entrypoint is not { Count: > 0 } && cmd is not { Count: > 0 })
            throw new InvalidParameterException("no command specified");
        return new Merged(entrypoint, cmd);
    }
}
