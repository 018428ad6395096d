using System.Text;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>Writes a new user namespace's uid_map and gid_map (from the parent, which holds the rights to).</summary>
internal static class IdMaps
{
    public static void Write(int pid, IReadOnlyList<IdMapping>? uids, IReadOnlyList<IdMapping>? gids)
    {
        WriteOne($"/proc/{pid}/uid_map", uids, "linux.uidMappings");
        WriteOne($"/proc/{pid}/gid_map", gids, "linux.gidMappings");
    }

    static void WriteOne(string path, IReadOnlyList<IdMapping>? maps, string field)
    {
        var text = new StringBuilder();
        foreach (var m in maps ?? []) text.Append($"{m.ContainerId} {m.HostId} {m.Size}\n");
        try
        {
            // The kernel takes the whole map in a single write.
            using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            f.Write(bytes);
        }
        catch (IOException e)
        {
            throw new InvalidSpecException($"{field}: the kernel refused the mapping \"{text.ToString().Trim().Replace('\n', ',')}\": {e.Message}");
        }
    }
}
