namespace Cais.Runtime.Cgroups;

/// <summary>
/// One cgroup directory in one hierarchy: what controller writers are handed, so they can be
/// run against a temp directory seeded with the kernel's file names. Write is virtual so a
/// test can record the order of writes or play the kernel's part in refusing a value.
/// </summary>
internal class CgroupDir(string path)
{
    public string Path { get; } = path;

    public string FileOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Whether the control file exists (kernel features and controllers show as files).</summary>
    public bool Has(string name) => File.Exists(FileOf(name));

    /// <summary>The file's content without the trailing newline.</summary>
    public string Read(string name) => CgroupFiles.Read(FileOf(name)).Trim();

    public virtual void Write(string name, string value) => CgroupFiles.Write(FileOf(name), value);

    public override string ToString() => Path;
}
