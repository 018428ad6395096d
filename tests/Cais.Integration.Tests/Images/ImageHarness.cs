using System.Text.Json;
using System.Text.RegularExpressions;
using Cais.Integration.Tests.Cli;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// A `cais daemon` of its own on an empty data root (the published binary, through
/// <see cref="CaisDaemonFixture"/>), and the `cais` CLI talking to it (`cais -H SOCKET ...`);
/// the tests look at what the commands leave in that data root. Dispose stops the daemon and
/// removes the data root.
/// </summary>
public sealed partial class ImageHarness : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    readonly CaisDaemonFixture daemon = CaisDaemonFixture.Empty(Path.Combine(TestPaths.Root, "images"));

    public string DataRoot => daemon.DataRoot;

    /// <summary>The daemon, to kill and start again.</summary>
    public CaisDaemonFixture Daemon => daemon;

    /// <summary>A path inside the data root.</summary>
    public string PathIn(params string[] parts) => Path.Combine([DataRoot, .. parts]);

    /// <summary>`cais -H SOCKET ARGS...` with empty stdin.</summary>
    public ProcessResult Cais(params string[] args) => daemon.Cais(args, stdin: null, DefaultTimeout);

    /// <summary>`cais -H SOCKET ARGS...` with a timeout of its own.</summary>
    public ProcessResult Cais(TimeSpan timeout, params string[] args) => daemon.Cais(args, stdin: null, timeout);

    /// <summary>`cais -H SOCKET ARGS... &lt; FILE`: binary input, which a string stdin cannot carry.</summary>
    public ProcessResult CaisWithStdinFrom(string file, params string[] args) =>
        ProcessRunner.Run("/bin/sh", ["-c", "f=$1; shift; exec \"$@\" < \"$f\"", "sh", file, CaisBinary.Path, "-H", daemon.Host, .. args],
            stdin: null, DefaultTimeout, CaisDaemonFixture.ClientEnvironment);

    /// <summary>Runs cais and asserts exit 0, showing the output otherwise.</summary>
    public ProcessResult Succeed(params string[] args)
    {
        var r = Cais(args);
        Assert.True(r.ExitCode == 0, $"`cais {string.Join(' ', args)}` exited {r.ExitCode}\n{r.Describe()}\ndaemon:\n{daemon.DaemonLog}");
        return r;
    }

    /// <summary>`cais image bootstrap busybox [-t TAG]`; returns the image id (sha256:...).</summary>
    public string BootstrapBusybox(string? tag = null)
    {
        var r = tag is null ? Succeed("image", "bootstrap", "busybox") : Succeed("image", "bootstrap", "busybox", "-t", tag);
        return IdIn(r.Stdout);
    }

    /// <summary>The first full image id ("sha256:" and 64 hex digits) in <paramref name="text"/>.</summary>
    public static string IdIn(string text)
    {
        var m = FullId().Match(text);
        Assert.True(m.Success, $"no image id in:\n{text}");
        return m.Value;
    }

    /// <summary>`image inspect NAME`: the one object of the array, which must succeed.</summary>
    public JsonElement Inspect(string name)
    {
        var r = Succeed("image", "inspect", name);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(1, doc.RootElement.GetArrayLength());
        return doc.RootElement[0].Clone();
    }

    public string IdOf(string name) => Inspect(name).GetProperty("Id").GetString()!;

    /// <summary>The lines `images ARGS...` prints, header included.</summary>
    public string[] Lines(params string[] args) =>
        Succeed(args).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>`images --no-trunc -q`: every image id, once (docker prints one per name).</summary>
    public string[] ImageIds() => [.. Lines("images", "--no-trunc", "-q").Distinct()];

    /// <summary>The unpacked layers: directories under DIR/overlay/layers.</summary>
    public string[] LayerDirs() => Entries("overlay", "layers");

    /// <summary>Whatever is in the directory DIR/PARTS (empty when it does not exist).</summary>
    public string[] Entries(params string[] parts)
    {
        var dir = PathIn(parts);
        return Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : [];
    }

    /// <summary>The stored blobs (DIR/content/blobs/sha256/*).</summary>
    public string[] Blobs() => Entries("content", "blobs", "sha256");

    /// <summary>
    /// Asserts that the data root holds no image, no layer, no blob and no scratch file, and no
    /// half-written content: what an empty store, or one whose only image was removed, looks like.
    /// </summary>
    public void AssertEmptyStore(string when)
    {
        Assert.True(ImageIds().Length == 0, $"{when}: images left: {string.Join(", ", ImageIds())}");
        foreach (var (what, parts) in new (string, string[])[]
                 {
                     ("layer", ["overlay", "layers"]), ("short link", ["overlay", "l"]), ("staging entry", ["overlay", "staging"]),
                     ("blob", ["content", "blobs", "sha256"]), ("ingest", ["content", "ingest"]), ("scratch file", ["tmp"]),
                 })
        {
            var left = Entries(parts);
            Assert.True(left.Length == 0, $"{when}: {what}s left in {PathIn(parts)}: {string.Join(", ", left.Select(Path.GetFileName))}");
        }
    }

    /// <summary>The diff directory of the only unpacked layer whose diff holds <paramref name="relative"/>.</summary>
    public string LayerHolding(string relative)
    {
        var found = LayerDirs().Select(d => Path.Combine(d, "diff"))
            .Where(d => Path.Exists(Path.Combine(d, relative)) || new FileInfo(Path.Combine(d, relative)).LinkTarget is not null)
            .ToList();
        Assert.True(found.Count == 1, $"{relative} is in {found.Count} layers under {PathIn("overlay", "layers")}");
        return found[0];
    }

    public void Dispose() => daemon.Dispose();

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex FullId();
}
