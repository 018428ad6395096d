using System.Text.Json.Nodes;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// The same bundle (the config.json `runc spec` writes, with other args and no terminal) run
/// under runc and under cais: what the container's process sees must be the same.
/// </summary>
/// <remarks>
/// Intentional differences, not compared:
/// <list type="bullet">
/// <item>Seccomp: cais has no seccomp yet (runc's default spec has no filter either); printed only.</item>
/// <item>Super-block options (after " - " in mountinfo): cais mounts with the new mount API
/// (fsmount, then mount_setattr), so the sysfs and the tmpfs of masked directories keep an rw
/// super block under a read-only mount, where runc passes MS_RDONLY to mount(2). What the
/// process can do is the same: the mount is read-only either way.</item>
/// <item>/sys/fs/cgroup on a v1 host: cais makes the tmpfs read-only, as the spec's "ro" asks;
/// runc 1.1 leaves the tmpfs rw (only the hierarchies under it are read-only).</item>
/// <item>Cgroup paths (the root column of mountinfo): runc's default is /ID, cais's /cais/ID.</item>
/// </list>
/// </remarks>
[Collection("containers")]
public sealed class RuncComparisonTests : IDisposable
{
    readonly RuntimeHarness h = new();
    readonly TempDir runcRoot = TempDir.Under("/run/cais-test", "runc-root-");
    readonly List<TempDir> bundles = [];

    public void Dispose()
    {
        h.Dispose();
        foreach (var b in bundles) b.Dispose();
        runcRoot.Dispose();
    }

    const string Probe =
        "echo '== status'; grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status; " +
        "echo '== hostname'; hostname; echo '== id'; id; echo '== dev'; ls /dev; " +
        "echo '== mountinfo'; cat /proc/self/mountinfo";

    static readonly Dictionary<string, string> MountOptionsDifferences = new()
    {
        ["/sys/fs/cgroup"] = "cais makes the v1 cgroup tmpfs read-only as the spec asks; runc 1.1 leaves it rw",
    };

    [RuncFact]
    public void Run_ProcessStatus_MatchesRunc()
    {
        var (runc, cais) = RunBoth(withoutAmbient: true);
        string[] Compared(string[] lines) => [.. lines.Where(l => !l.StartsWith("Seccomp", StringComparison.Ordinal))];
        var message = $"runc:\n{string.Join('\n', runc["status"])}\ncais:\n{string.Join('\n', cais["status"])}";
        Assert.True(Compared(runc["status"]).SequenceEqual(Compared(cais["status"])), message);
        foreach (var field in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs" })
            Assert.True(cais["status"].Any(l => l.StartsWith(field + ":", StringComparison.Ordinal)), $"{field} missing\n{message}");
    }

    [RuncFact]
    public void Run_HostnameIdAndDev_MatchRunc()
    {
        var (runc, cais) = RunBoth(withoutAmbient: true);
        Assert.Equal(runc["hostname"], cais["hostname"]);
        Assert.Equal(runc["id"], cais["id"]);
        Assert.Equal(runc["dev"], cais["dev"]);
    }

    [RuncFact]
    public void Run_MountTable_MatchesRunc()
    {
        var (runc, cais) = RunBoth(withoutAmbient: true);
        var r = Mounts(runc["mountinfo"]);
        var c = Mounts(cais["mountinfo"]);
        var onlyRunc = r.Except(c).Where(m => !MountOptionsDifferences.ContainsKey(m.Point)).ToList();
        var onlyCais = c.Except(r).Where(m => !MountOptionsDifferences.ContainsKey(m.Point)).ToList();
        Assert.True(onlyRunc.Count == 0 && onlyCais.Count == 0,
            "mount tables differ (mount point, type, options):\n"
            + string.Concat(onlyRunc.Select(m => $"  runc only: {m}\n"))
            + string.Concat(onlyCais.Select(m => $"  cais only: {m}\n")));
        // The mounts whose options differ on purpose are there all the same, with the same type.
        foreach (var point in MountOptionsDifferences.Keys)
            Assert.Equal(r.Where(m => m.Point == point).Select(m => m.Type), c.Where(m => m.Point == point).Select(m => m.Type));
    }

    /// <summary>
    /// runc 1.1's `runc spec` lists CAP_AUDIT_WRITE, CAP_KILL and CAP_NET_BIND_SERVICE as ambient
    /// but not as inheritable, so the kernel refuses to raise them (PR_CAP_AMBIENT_RAISE needs
    /// both). runc 1.1 ignores that failure (CapAmb stays 0) and runs the container; a spec
    /// runc runs must run under cais too.
    /// </summary>
    [RuncFact]
    public void Run_RuncsDefaultSpecWithUnraisableAmbientCaps_RunsAsUnderRunc()
    {
        var (runc, cais) = RunBoth(withoutAmbient: false);
        Assert.Equal(runc["status"].Where(l => l.StartsWith("Cap", StringComparison.Ordinal)),
            cais["status"].Where(l => l.StartsWith("Cap", StringComparison.Ordinal)));
    }

    /// <summary>Runs the probe in one bundle under runc, then under cais; each output split by section.</summary>
    (Dictionary<string, string[]> Runc, Dictionary<string, string[]> Cais) RunBoth(bool withoutAmbient)
    {
        var dir = RuncBundle(withoutAmbient);
        var id = "cais-test-runc-" + TempDir.RandomName();
        ProcessResult runc;
        try
        {
            runc = ProcessRunner.Run("runc", ["--root", runcRoot.Path, "run", "--bundle", dir, id]);
        }
        finally
        {
            ProcessRunner.Run("runc", ["--root", runcRoot.Path, "delete", "--force", id]);
        }
        Assert.True(runc.ExitCode == 0, "runc run: " + runc.Describe());
        Assert.False(Directory.Exists(Path.Combine(runcRoot.Path, id)), "runc left its state");

        var caisId = "cais-test-" + TempDir.RandomName();
        var cais = h.Runtime("run", "--bundle", dir, caisId);
        Assert.True(cais.ExitCode == 0, $"cais runtime run (runc ran it):\n{cais.Describe()}");
        h.AssertNothingLeft(caisId);
        return (Sections(runc.Stdout), Sections(cais.Stdout));
    }

    /// <summary>`runc spec` in a fresh bundle with the busybox rootfs; the probe as args, no terminal.</summary>
    string RuncBundle(bool withoutAmbient)
    {
        var dir = TempDir.Under(TestPaths.Bundles, "runc-");
        bundles.Add(dir);
        ProcessRunner.Run("runc", ["spec", "--bundle", dir.Path]).EnsureSuccess();
        BusyboxRootfs.CopyTo(dir.Combine("rootfs"));
        var config = JsonNode.Parse(File.ReadAllText(dir.Combine("config.json")))!;
        var process = config["process"]!.AsObject();
        process["terminal"] = false;
        process["args"] = new JsonArray("sh", "-c", Probe);
        if (withoutAmbient) process["capabilities"]!.AsObject().Remove("ambient");
        File.WriteAllText(dir.Combine("config.json"), config.ToJsonString());
        return dir.Path;
    }

    static Dictionary<string, string[]> Sections(string output)
    {
        var result = new Dictionary<string, string[]>();
        string? name = null;
        var lines = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Append("== end"))
        {
            if (!line.StartsWith("== ", StringComparison.Ordinal)) { lines.Add(line); continue; }
            if (name is not null) result[name] = [.. lines];
            name = line[3..];
            lines.Clear();
        }
        return result;
    }

    record struct Mount(string Point, string Type, string Options)
    {
        public override readonly string ToString() => $"{Point} {Type} {Options}";
    }

    /// <summary>(mount point, filesystem type, per-mount options sorted) of each mountinfo line.</summary>
    static HashSet<Mount> Mounts(string[] mountinfo)
    {
        var set = new HashSet<Mount>();
        foreach (var line in mountinfo)
        {
            var f = line.Split(' ');
            var type = f[Array.IndexOf(f, "-", 6) + 1];
            var options = string.Join(',', f[5].Split(',').Order(StringComparer.Ordinal));
            set.Add(new Mount(f[4], type, options));
        }
        return set;
    }
}
