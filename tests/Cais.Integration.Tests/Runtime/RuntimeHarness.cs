using System.Text.Json;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// Drives the published `cais runtime` with a state directory of its own, and checks what a
/// container leaves behind. Dispose force-deletes whatever containers a test left.
/// </summary>
public sealed class RuntimeHarness : IDisposable
{
    readonly TempDir state = TempDir.Under("/run/cais-test", "root-");
    readonly List<TestBundle> bundles = [];

    public string StateRoot => state.Path;

    /// <summary>`cais runtime --root ROOT ARGS...`.</summary>
    public ProcessResult Runtime(params string[] args) =>
        CaisBinary.Run(["runtime", "--root", StateRoot, .. args], stdin: null, timeout: TimeSpan.FromSeconds(60));

    public ProcessResult RuntimeWithInput(string stdin, params string[] args) =>
        CaisBinary.Run(["runtime", "--root", StateRoot, .. args], stdin, TimeSpan.FromSeconds(60));

    /// <summary>A bundle of the busybox image running <paramref name="args"/>; removed with the harness.</summary>
    public TestBundle Bundle(string[] args, Action<RuntimeSpec>? configure = null)
    {
        var b = TestBundle.Create(spec =>
        {
            spec.Process!.Args = [.. args];
            spec.Root!.Readonly = false;
            configure?.Invoke(spec);
        });
        bundles.Add(b);
        return b;
    }

    /// <summary>`run` of a fresh bundle: the container's output and exit code.</summary>
    public ProcessResult Run(string[] args, Action<RuntimeSpec>? configure = null)
    {
        var b = Bundle(args, configure);
        return Runtime("run", "--bundle", b.Dir, b.Id);
    }

    /// <summary>The runtime-spec state of a container.</summary>
    public JsonElement State(string id)
    {
        var r = Runtime("state", id);
        Assert.True(r.ExitCode == 0, r.Describe());
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    public string Status(string id) => State(id).GetProperty("status").GetString()!;

    /// <summary>Asserts that nothing of container <paramref name="id"/> (state, cgroups, mounts of its bundle) is left.</summary>
    public void AssertNothingLeft(string id, TestBundle? bundle = null)
    {
        Assert.False(Directory.Exists(Path.Combine(StateRoot, id)), $"state directory of {id} left behind");
        foreach (var dir in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var leaf = Path.Combine(dir, "cais", id);
            Assert.False(Directory.Exists(leaf), $"cgroup {leaf} left behind");
        }
        if (bundle is not null)
        {
            var mounts = File.ReadAllText("/proc/self/mountinfo");
            Assert.DoesNotContain(bundle.Dir, mounts);
        }
    }

    /// <summary>Pids of host processes whose cgroup path names the container (there must be none after delete).</summary>
    public static List<int> ProcessesOf(string id)
    {
        var list = new List<int>();
        foreach (var d in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(d, "cgroup")).Contains($"/cais/{id}\n")) list.Add(pid);
            }
            catch (IOException) { }
        }
        return list;
    }

    public void Dispose()
    {
        try
        {
            var ids = Runtime("list", "-q").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var id in ids) Runtime("delete", "--force", id);
        }
        finally
        {
            foreach (var b in bundles) b.Dispose();
            state.Dispose();
        }
    }
}

/// <summary>Real containers run one at a time: the machine has two cores and some tests measure limits.</summary>
[CollectionDefinition("containers", DisableParallelization = true)]
public sealed class ContainersCollection;
