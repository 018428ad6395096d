using System.Globalization;

namespace Cais.Engine.Logs;

/// <summary>
/// A log's files, opened together, oldest first: x-json.log.N ... x-json.log.1, then x-json.log.
/// The writer is another process (the monitor) and may rotate at any moment, so after opening
/// everything the set checks that the path still names the file it opened as current; if a
/// rotation slipped in between, it opens again. Once open, the handles keep their files even
/// when they are renamed or deleted.
/// </summary>
sealed class LogFileSet : IDisposable
{
    const int OpenAttempts = 20;

    LogFileSet(List<LogFile> files, LogFile? current)
    {
        Files = files;
        Current = current;
    }

    /// <summary>Oldest first; the current file, when there is one, is the last.</summary>
    public IReadOnlyList<LogFile> Files { get; }

    /// <summary>The file the log's path named when the set was opened; null when there was none yet.</summary>
    public LogFile? Current { get; }

    public static LogFileSet Open(string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            var current = LogFile.TryOpen(path);
            var files = OpenAll(RotatedPaths(path), exclude: current?.Identity);
            if (current is not null) files.Add(current);
            // Under a rotation storm, settle for the last view (duplicates are already dropped).
            if (FileIdentity.OfPath(path) == current?.Identity || attempt == OpenAttempts)
                return new LogFileSet(files, current);
            foreach (var f in files) f.Dispose();
        }
    }

    /// <summary>
    /// After the file a follower was reading was rotated away: the files written since, oldest
    /// first (rotated ones newer than it, then the current one, if it exists yet).
    /// </summary>
    /// <remarks>
    /// Rotated files newer than the finished one are those with smaller numbers. When it is not
    /// among them it was deleted, and since deletion takes the oldest file, everything left is
    /// newer (null <paramref name="finished"/>: nothing was read yet, so everything is new).
    /// </remarks>
    public static List<LogFile> OpenNewerThan(string path, FileIdentity? finished)
    {
        var rotated = RotatedPaths(path);
        int at = finished is null ? -1 : rotated.FindIndex(p => FileIdentity.OfPath(p) == finished);
        var files = OpenAll(at < 0 ? rotated : rotated[(at + 1)..], exclude: finished);
        var current = LogFile.TryOpen(path);
        if (current is null) return files;
        if (current.Identity == finished || files.Any(f => f.Identity == current.Identity)) current.Dispose();
        else files.Add(current);
        return files;
    }

    static List<LogFile> OpenAll(List<string> paths, FileIdentity? exclude)
    {
        var files = new List<LogFile>(paths.Count + 1);
        foreach (var p in paths)
        {
            var f = LogFile.TryOpen(p);
            if (f is null) continue;
            if (f.Identity == exclude || files.Any(o => o.Identity == f.Identity)) f.Dispose();
            else files.Add(f);
        }
        return files;
    }

    /// <summary>The rotated files' names that exist, oldest (highest number) first. Listed, not guessed, so a gap left by a rotation in progress hides nothing.</summary>
    static List<string> RotatedPaths(string path)
    {
        string directory = Path.GetDirectoryName(path) ?? ".";
        string prefix = Path.GetFileName(path) + ".";
        var found = new List<(int Number, string Path)>();
        try
        {
            foreach (var candidate in Directory.EnumerateFiles(directory, prefix + "*"))
            {
                // "name.*" also matches "name" itself (the pattern's legacy DOS semantics).
                var fileName = Path.GetFileName(candidate.AsSpan());
                if (fileName.Length <= prefix.Length) continue;
                var suffix = fileName[prefix.Length..];
                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
                    found.Add((n, candidate));
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        found.Sort((a, b) => b.Number.CompareTo(a.Number));
        return found.ConvertAll(f => f.Path);
    }

    public void Dispose()
    {
        foreach (var f in Files) f.Dispose();
    }
}
