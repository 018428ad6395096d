using System.Text.Json;
using System.Text.RegularExpressions;
using Cais.Runtime.Spec;

namespace Cais.Runtime.State;

/// <summary>
/// The runtime's state directory (--root, default /run/cais/runtime): one directory per
/// container holding state.json, a copy of its config.json, and the start socket. Files are
/// written to a temporary name and renamed, so a crash never leaves a half-written state.
/// </summary>
public sealed partial class StateStore(string root)
{
    public const string DefaultRoot = "/run/cais/runtime";
    const string StateFile = "state.json";
    const string ConfigFile = "config.json";
    const string StartSocketFile = "start.sock";

    public string Root { get; } = Path.GetFullPath(root);

    [GeneratedRegex(@"^[\w+.-]+$")]
    private static partial Regex IdPattern();

    /// <summary>runc's rule: letters, digits, and _ + - . only; not "." or "..".</summary>
    public static void ValidateId(string id)
    {
        if (string.IsNullOrEmpty(id)) throw new InvalidSpecException("container id cannot be empty");
        if (id is "." or ".." || !IdPattern().IsMatch(id) || id.Length > 1024)
            throw new InvalidSpecException($"invalid container id format: {id}");
    }

    public string DirOf(string id) => Path.Combine(Root, id);

    public string StartSocketOf(string id) => Path.Combine(DirOf(id), StartSocketFile);

    public string ConfigOf(string id) => Path.Combine(DirOf(id), ConfigFile);

    /// <summary>Creates the container's directory; fails if one exists already.</summary>
    public void CreateDir(string id)
    {
        ValidateId(id);
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dir = DirOf(id);
        try
        {
            // Directory.CreateDirectory succeeds on an existing directory; mkdir(2) semantics are needed here.
            Cais.Linux.FileSystem.MakeDirectory(dir, 0x1C0 /*0700*/);
        }
        catch (Cais.Linux.SyscallException e) when (e.Errno == Cais.Linux.Errno.EEXIST)
        {
            throw new ContainerExistsException(id);
        }
    }

    public bool Exists(string id) => Directory.Exists(DirOf(id));

    public void Save(ContainerState state) =>
        WriteAtomically(Path.Combine(DirOf(state.Id), StateFile), JsonSerializer.Serialize(state, StateJsonContext.Default.ContainerState));

    /// <summary>Keeps config.json as it was read, for exec and hooks later (the bundle may change).</summary>
    public void SaveConfig(string id, string configJson) => WriteAtomically(ConfigOf(id), configJson);

    public RuntimeSpec LoadConfig(string id) => SpecLoader.Parse(File.ReadAllText(ConfigOf(id)), ConfigOf(id));

    /// <summary>The state of a container; ContainerNotFoundException if there is none.</summary>
    public ContainerState Load(string id)
    {
        ValidateId(id);
        var path = Path.Combine(DirOf(id), StateFile);
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (Directory.Exists(DirOf(id)))
                return new ContainerState { Id = id, Phase = Phases.Creating }; // killed before its first save
            throw new ContainerNotFoundException(id);
        }
        return JsonSerializer.Deserialize(json, StateJsonContext.Default.ContainerState)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    public IEnumerable<string> Ids()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal);
    }

    public void Remove(string id)
    {
        var dir = DirOf(id);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static void WriteAtomically(string path, string content)
    {
        var tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            f.Write(bytes);
            f.Flush();
        }
        File.Move(tmp, path, overwrite: true);
    }
}

public sealed class ContainerNotFoundException(string id) : Exception($"container {id} does not exist")
{
    public string Id { get; } = id;
}

public sealed class ContainerExistsException(string id) : Exception($"container with id {id} already exists")
{
    public string Id { get; } = id;
}

/// <summary>An operation is not allowed in the container's current state.</summary>
public sealed class ContainerStateException(string message) : Exception(message);
