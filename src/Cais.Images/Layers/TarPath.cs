namespace Cais.Images.Layers;

/// <summary>
/// Entry names made relative to the layer root: a leading "/" is dropped (as Docker and GNU tar
/// do), "." and empty components vanish, ".." removes the component before it, and a ".."
/// with nothing left to remove (the path would climb above the root) is refused.
/// </summary>
internal static class TarPath
{
    /// <summary>The cleaned path ("" for the root itself) or null when it climbs above the root.</summary>
    public static string? Clean(string name)
    {
        // Most names are clean already ("usr/bin/env", "etc/"); keep them without allocating.
        int end = name.Length;
        if (end > 1 && name[end - 1] == '/' && name[end - 2] != '/') end--;
        if (IsClean(name.AsSpan(0, end))) return end == name.Length ? name : name[..end];

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    static bool IsClean(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] == '/') return false;
        foreach (var range in path.Split('/'))
        {
            var part = path[range];
            if (part.Length == 0 || part is "." or "..") return false;
        }
        return true;
    }

    /// <summary>"a/b/c" → ("a/b", "c"); "c" → ("", "c").</summary>
    public static (string Parent, string Name) Split(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }

    /// <summary>Joins a parent ("" for the root) and a name.</summary>
    public static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}/{name}";
}
