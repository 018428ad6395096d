using Cais.Linux;
using Cais.Runtime.Cgroups;

namespace Cais.Runtime.Tests.Cgroups;

/// <summary>A temp directory standing in for cgroupfs, seeded with the kernel's file names.</summary>
internal sealed class FakeCgroupFs : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cais-cgroup-test-").FullName;

    /// <summary>Creates <paramref name="relative"/> (and its directories) with <paramref name="content"/>.</summary>
    public FakeCgroupFs Seed(string relative, string content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public FakeCgroupFs SeedDir(string relative, params (string Name, string Content)[] files)
    {
        Directory.CreateDirectory(PathOf(relative));
        foreach ((string name, string content) in files) Seed(relative + "/" + name, content);
        return this;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.TrimStart('/'));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public bool Exists(string relative) => Path.Exists(PathOf(relative));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// A CgroupDir that records every write ("file=value") and can play the kernel's part where
/// the order of writes matters: with <see cref="EnforceMemsw"/> it refuses, as memcontrol.c
/// does, a memory limit above memsw or a memsw below the memory limit (EINVAL).
/// </summary>
internal sealed class RecordingDir(string path) : CgroupDir(path)
{
    public List<string> Writes { get; } = [];

    public bool EnforceMemsw { get; init; }

    /// <summary>Files whose next write fails with EINVAL (once each).</summary>
    public HashSet<string> FailOnceWithEinval { get; init; } = [];

    public override void Write(string name, string value)
    {
        if (FailOnceWithEinval.Remove(name)) Refuse(name, value, "failed once");
        bool enforce = EnforceMemsw && Has("memory.memsw.limit_in_bytes");
        if (enforce && name == "memory.limit_in_bytes" && Bytes(value) > Bytes(Read("memory.memsw.limit_in_bytes")))
            Refuse(name, value, "limit above memsw");
        if (enforce && name == "memory.memsw.limit_in_bytes" && Bytes(value) < Bytes(Read("memory.limit_in_bytes")))
            Refuse(name, value, "memsw below limit");
        Writes.Add($"{name}={value}");
        base.Write(name, value);
    }

    void Refuse(string name, string value, string why)
    {
        Writes.Add($"{name}={value} EINVAL");
        throw new CgroupException($"write {value} to {FileOf(name)}: Invalid argument ({why})", Errno.EINVAL);
    }

    static ulong Bytes(string value) => value == "-1" ? ulong.MaxValue : ulong.Parse(value);
}

/// <summary>Runs only as root on a host with the v1 memory hierarchy mounted at /sys/fs/cgroup/memory.</summary>
public sealed class HostCgroupV1FactAttribute : FactAttribute
{
    public HostCgroupV1FactAttribute()
    {
        if (!Environment.IsPrivilegedProcess) Skip = "needs root: creates cgroups on the host";
        else if (!Directory.Exists("/sys/fs/cgroup/memory"))
            Skip = "needs cgroup v1 (no /sys/fs/cgroup/memory hierarchy on this host)";
    }
}

/// <summary>Runs only as root with a cgroup2 hierarchy at /sys/fs/cgroup/unified that has cgroup.kill support.</summary>
public sealed class HostUnifiedFactAttribute : FactAttribute
{
    public const string Mount = "/sys/fs/cgroup/unified";

    public HostUnifiedFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess) Skip = "needs root: creates cgroups on the host";
        else if (!File.Exists(Mount + "/cgroup.procs"))
            Skip = $"needs a hybrid host with cgroup2 mounted at {Mount}";
    }
}
