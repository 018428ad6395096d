using Cais.Engine.Errors;
using Cais.Linux;

namespace Cais.Engine.Containers;

/// <summary>
/// Turns `-u`/USER ("name", "uid", "name:group", "uid:gid") into numeric ids with the
/// container's own /etc/passwd and /etc/group, read without following a link out of the root,
/// as Docker does at start.
/// </summary>
public static class UserResolution
{
    public sealed record Resolved(uint Uid, uint Gid, List<uint> AdditionalGids, string? Home);

    public static Resolved Resolve(string rootfs, string? user, IReadOnlyList<string>? groupAdd = null)
    {
        var passwd = Parse(FileSystem.ReadTextInRoot(rootfs, "/etc/passwd"));
        var groups = Parse(FileSystem.ReadTextInRoot(rootfs, "/etc/group"));
        string userPart = string.IsNullOrEmpty(user) ? "0" : user, groupPart = "";
        int colon = userPart.IndexOf(':');
        if (colon >= 0) (userPart, groupPart) = (userPart[..colon], userPart[(colon + 1)..]);

        uint uid, gid;
        string? home = null, userName = null;
        var entry = passwd.FirstOrDefault(p => p[0] == userPart) ??
                    (uint.TryParse(userPart, out var n) ? passwd.FirstOrDefault(p => p.Length > 2 && p[2] == userPart) : null);
        if (entry is { Length: >= 4 } && uint.TryParse(entry[2], out uid) && uint.TryParse(entry[3], out gid))
        {
            userName = entry[0];
            home = entry.Length > 5 ? entry[5] : null;
        }
        else if (uint.TryParse(userPart, out uid))
        {
            gid = 0; // a numeric user not in passwd: group root, as Docker
        }
        else
        {
            throw new InvalidParameterException($"unable to find user {userPart}: no matching entries in passwd file");
        }

        if (groupPart.Length > 0) gid = GroupId(groups, groupPart);
        var additional = new List<uint>();
        // Supplementary groups: those listing the user by name in /etc/group, then --group-add.
        if (userName is not null)
            foreach (var g in groups)
                if (g.Length >= 4 && g[3].Split(',').Contains(userName) && uint.TryParse(g[2], out var sg) && sg != gid && !additional.Contains(sg))
                    additional.Add(sg);
        foreach (var g in groupAdd ?? [])
        {
            var id = GroupId(groups, g);
            if (!additional.Contains(id)) additional.Add(id);
        }
        return new Resolved(uid, gid, additional, home);
    }

    static uint GroupId(List<string[]> groups, string group)
    {
        var entry = groups.FirstOrDefault(g => g[0] == group);
        if (entry is { Length: >= 3 } && uint.TryParse(entry[2], out var id)) return id;
        if (uint.TryParse(group, out id)) return id;
        throw new InvalidParameterException($"unable to find group {group}: no matching entries in group file");
    }

    static List<string[]> Parse(string? text) =>
        text is null ? [] : [.. text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':'))];
}
