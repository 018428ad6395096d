using System.Formats.Tar;

namespace Cais.Images.Archives;

/// <summary>
/// Unpacks an image archive (docker-archive or OCI layout tar) into a scratch directory so its
/// files can be read in any order. Only directories, regular files and symlinks are accepted;
/// a symlink (the legacy format links duplicate layer.tar files) is recorded, not created, and
/// resolved inside the archive when read. No entry can land outside the directory.
/// </summary>
public sealed class ArchiveExtractor : IDisposable
{
    readonly Dictionary<string, string> links = new(StringComparer.Ordinal);

    public string Root { get; }

    ArchiveExtractor(string root) => Root = root;

    public static ArchiveExtractor Extract(Stream archive, string scratchParent)
    {
        var root = Path.Combine(scratchParent, "archive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var x = new ArchiveExtractor(root);
        try
        {
            using var reader = new TarReader(archive, leaveOpen: true);
            TarEntry? entry;
            while ((entry = reader.GetNextEntry(copyData: false)) is not null)
            {
                var name = Normalize(entry.Name)
                    ?? throw new InvalidDataException($"image archive: entry \"{entry.Name}\" leaves the archive");
                if (name.Length == 0) continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(Path.Combine(root, name));
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var path = Path.Combine(root, name);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                            entry.DataStream?.CopyTo(file);
                        break;
                    case TarEntryType.SymbolicLink:
                        var dir = Path.GetDirectoryName(name) ?? "";
                        var target = Normalize(entry.LinkName.StartsWith('/') ? entry.LinkName : Path.Combine(dir, entry.LinkName))
                            ?? throw new InvalidDataException($"image archive: link \"{entry.Name}\" points outside the archive");
                        x.links[name] = target;
                        break;
                    case TarEntryType.HardLink:
                        x.links[name] = Normalize(entry.LinkName)
                            ?? throw new InvalidDataException($"image archive: link \"{entry.Name}\" points outside the archive");
                        break;
                    case TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes:
                        break;
                    default:
                        throw new InvalidDataException($"image archive: entry \"{entry.Name}\" has an unexpected type {entry.EntryType}");
                }
            }
            return x;
        }
        catch
        {
            x.Dispose();
            throw;
        }
    }

    /// <summary>The path of a file named in the archive ("blobs/sha256/..."), links followed; null if absent.</summary>
    public string? PathOf(string name)
    {
        var n = Normalize(name);
        for (int hops = 0; n is not null && hops < 16; hops++)
        {
            if (links.TryGetValue(n, out var target)) { n = target; continue; }
            var path = Path.Combine(Root, n);
            return File.Exists(path) ? path : null;
        }
        return null;
    }

    public byte[] ReadAll(string name, long max = 64 << 20)
    {
        var path = PathOf(name) ?? throw new InvalidDataException($"image archive: {name} is missing");
        if (new FileInfo(path).Length > max) throw new InvalidDataException($"image archive: {name} is larger than {max} bytes");
        return File.ReadAllBytes(path);
    }

    /// <summary>A relative, cleaned path inside the archive, or null if it climbs out.</summary>
    static string? Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var p in name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count == 0) return null; parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(p);
        }
        return string.Join('/', parts);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
