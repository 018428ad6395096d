using System.Globalization;

namespace Cais.Engine.Logs;

/// <summary>
/// Finds a log's files one at a time, newest (x-json.log) to oldest (x-json.log.N) or back,
/// while the writer, another process, may rotate at any moment.
/// </summary>
/// <remarks>
/// A rotation renames the oldest file first (.N-1 to .N, ..., .1 to .2, then the path to .1)
/// and creates a new file at the path; with max-file 1 it unlinks the path and creates a new
/// file. Whole views of the directory are never consistent under a fast writer, so each step
/// relates just two files: having opened the neighbour of file F by name, it checks that F still
/// has the name it had. F can only have kept its name if no rotation reached it meanwhile, and
/// a rotation that has not reached F has not moved F's newer neighbour either, nor (once F's
/// name is known) put anything but F's older neighbour next to it. Files are held open while
/// they are used, so their inodes cannot be reused and identities stay unique.
/// </remarks>
static class LogFileChain
{
    const int Attempts = 200;

    /// <summary>The newest file: the path's, or .1 in the instant between a rotation's rename and its create; null when the log has no file.</summary>
    public static LogFile? OpenNewest(string path)
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            var current = LogFile.TryOpen(path);
            if (current is not null) return current;
            var rotated = RotatedPaths(path);
            if (rotated.Count == 0) return null;
            // Between a rotation's rename and its create, .1 is the newest; once the path is back, it is.
            var first = LogFile.TryOpen(rotated[^1]);
            if (first is not null && FileIdentity.OfPath(path) is null) return first;
            first?.Dispose();
        }
        return null;
    }

    /// <summary>The file written just before <paramref name="file"/>; null when it is the oldest (or older ones were deleted).</summary>
    public static LogFile? OpenPredecessor(string path, LogFile file)
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            string? name = NameOf(path, file);
            if (name is null)
            {
                if (file.IsDeleted) return null; // rotated out: it was the oldest
                continue;                         // renamed while we looked
            }
            int number = name == path ? 0 : Number(name);
            var older = LogFile.TryOpen($"{path}.{number + 1}");
            if (FileIdentity.OfPath(name) != file.Identity)
            {
                older?.Dispose();
                continue;
            }
            if (older is not null) return older;
            // Nothing at .k+1 while the file is still at .k: it is the oldest, unless a rotation
            // has just moved .k+1 up and is about to move it; then higher numbers exist.
            if (RotatedPaths(path).TrueForAll(p => Number(p) <= number)) return null;
        }
        return null;
    }

    /// <summary>
    /// The file written just after <paramref name="file"/> (null: nothing read yet, so the
    /// oldest file); null when there is none yet.
    /// </summary>
    public static LogFile? OpenSuccessor(string path, LogFile? file)
    {
        if (file is null) return OpenOldest(path);
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            string? name = NameOf(path, file);
            if (name == path) return null; // still the current file: nothing newer yet
            if (name is null)
            {
                // Deleted: it was the oldest, so every file left is newer, the oldest of them first.
                if (file.IsDeleted) return OpenOldest(path);
                continue;
            }
            int number = Number(name);
            var newer = LogFile.TryOpen(number == 1 ? path : $"{path}.{number - 1}");
            if (FileIdentity.OfPath(name) == file.Identity) return newer; // null: the new current file is not created yet
            newer?.Dispose();
        }
        return null; // rotating too fast to pin down this time; the follower asks again shortly
    }

    static LogFile? OpenOldest(string path)
    {
        var oldest = OpenNewest(path);
        while (oldest is not null && OpenPredecessor(path, oldest) is { } older)
        {
            oldest.Dispose();
            oldest = older;
        }
        return oldest;
    }

    /// <summary>The name <paramref name="file"/> has now: the path, a rotated name, or null (deleted, or renamed while looked for).</summary>
    static string? NameOf(string path, LogFile file)
    {
        if (FileIdentity.OfPath(path) == file.Identity) return path;
        // Newest first: the file looked for was usually rotated a moment ago.
        var rotated = RotatedPaths(path);
        for (int i = rotated.Count - 1; i >= 0; i--)
            if (FileIdentity.OfPath(rotated[i]) == file.Identity) return rotated[i];
        return null;
    }

    static int Number(string rotatedPath) =>
        int.Parse(rotatedPath.AsSpan(rotatedPath.LastIndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The rotated files' names that exist, oldest (highest number) first. Listed, not guessed, so a gap left by a rotation in progress hides nothing.</summary>
    static List<string> RotatedPaths(string path)
    {
        string directory = Path.GetDirectoryName(path) ?? ".";
        string prefix = Path.GetFileName(path) + ".";
        var found = new List<(int Number, string Path)>();
        try
        {
            // Matched here rather than by a search pattern: .NET's "name.*" also matches "name".
            foreach (var candidate in Directory.EnumerateFiles(directory, prefix + "*"))
            {
                var name = Path.GetFileName(candidate.AsSpan());
                if (name.Length <= prefix.Length || !name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (int.TryParse(name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
                    found.Add((n, candidate));
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        found.Sort((a, b) => b.Number.CompareTo(a.Number));
        return found.ConvertAll(f => f.Path);
    }
}
