using System.Formats.Tar;
using Cais.Engine.Errors;
using Cais.Engine.Events;
using Cais.Engine.Logs;
using Cais.Images.References;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>docker commit and docker export on real containers.</summary>
[Collection("containers")]
public sealed class CommitAndExportTests : IDisposable
{
    readonly EngineHarness h = new();

    public void Dispose() => h.Dispose();

    async Task<(int ExitCode, string Output)> Run(string image, params string[] cmd)
    {
        var id = h.Create(r => { r.Image = image; r.Cmd = cmd.Length == 0 ? null : [.. cmd]; });
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        var exit = await exited.WaitAsync(TimeSpan.FromSeconds(30));
        var output = new System.Text.StringBuilder();
        await foreach (var e in new JsonFileLogReader(h.Engine.LogPathOf(id)).ReadAsync(new LogReadOptions()))
            output.Append(System.Text.Encoding.UTF8.GetString(e.Line.Span));
        await h.Engine.RemoveContainer(id, force: true, removeVolumes: false);
        return (exit.ExitCode, output.ToString());
    }

    async Task<string> RunToExit(params string[] cmd)
    {
        var id = h.Create(cmd);
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        Assert.Equal(0, (await exited.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        return id;
    }

    static List<string> TarNames(byte[] tar)
    {
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }

    [RootFact]
    public async Task Commit_WithCmdChange_NewImageRunsIt_DeletedFileStaysDeleted_BaseUnchanged()
    {
        var id = await RunToExit("sh", "-c", "echo v2 > /version.txt && rm /bin/true");
        var baseId = h.Engine.Images.Resolve("busybox");

        var imageId = await h.Engine.CommitContainer(id, new CommitOptions
        {
            Tag = ImageReference.Parse("acc-user/committed:v2"),
            Changes = ["CMD [\"cat\", \"/version.txt\"]"],
            Comment = "a comment",
            Author = "tester",
        });

        Assert.Equal(imageId, h.Engine.Images.Resolve("acc-user/committed:v2"));
        Assert.Equal((0, "v2\n"), await Run("acc-user/committed:v2"));
        Assert.Equal(1, (await Run("acc-user/committed:v2", "test", "-e", "/bin/true")).ExitCode);
        Assert.Equal(1, (await Run("busybox", "test", "-e", "/version.txt")).ExitCode);
        Assert.Equal(0, (await Run("busybox", "test", "-e", "/bin/true")).ExitCode);
        Assert.Equal(baseId, h.Engine.Images.Resolve("busybox"));

        var config = h.Engine.Images.ConfigOf(imageId).Config;
        var baseConfig = h.Engine.Images.ConfigOf(baseId).Config;
        Assert.Equal(baseConfig.RootFs.DiffIds.Count + 1, config.RootFs.DiffIds.Count);
        Assert.Equal(baseConfig.History!.Count + 1, config.History!.Count);
        var entry = config.History[^1];
        Assert.Equal("sh -c echo v2 > /version.txt && rm /bin/true", entry.CreatedBy);
        Assert.Equal("a comment", entry.Comment);
        Assert.Equal("tester", entry.Author);
        Assert.Null(entry.EmptyLayer);
        Assert.Equal("tester", config.Author);
        Assert.Equal(baseId.ToString(), h.Engine.Images.Metadata.FindImage(imageId.ToString())!.Parent);
        var history = h.Engine.Images.History(imageId);
        Assert.Equal(imageId.ToString(), history[0].Id);
        Assert.Equal(baseId.ToString(), history[1].Id);
    }

    [RootFact]
    public async Task Commit_UnchangedContainer_EmptyLayerEntry_NoNewLayer()
    {
        var id = h.Create("true"); // never started: its upper directory is empty
        var imageId = await h.Engine.CommitContainer(id, new CommitOptions());
        var config = h.Engine.Images.ConfigOf(imageId).Config;
        var baseConfig = h.Engine.Images.ConfigOf(h.Engine.Images.Resolve("busybox")).Config;
        Assert.Equal(baseConfig.RootFs.DiffIds, config.RootFs.DiffIds);
        Assert.True(config.History![^1].EmptyLayer);
        Assert.Equal(["true"], config.Config!.Cmd);
        Assert.Equal((0, ""), await Run(imageId.ToString()));
    }

    [RootFact]
    public async Task Commit_RunningContainer_PausedWhileRead_TakesItsChangesSoFar()
    {
        var id = h.Create("sh", "-c", "echo running > /state; while true; do sleep 0.1; done");
        await h.Engine.StartContainer(id);
        while (!File.Exists(Path.Combine(h.Engine.Images.Snapshots.UpperDir(id), "state"))) await Task.Delay(20);
        using var events = h.Engine.SubscribeToEvents(null, null, EventFilter.None);

        var imageId = await h.Engine.CommitContainer(id, new CommitOptions { Changes = ["CMD cat /state"] });

        Assert.Equal("running", h.Engine.Get(id).Record.State.Status);
        var actions = new List<string>();
        while (events.Live.TryRead(out var e)) actions.Add(e.Action);
        Assert.Equal(["pause", "unpause", "commit"], actions);
        Assert.Equal((0, "running\n"), await Run(imageId.ToString()));
    }

    [RootFact]
    public async Task Commit_PausedByTheUser_StaysPaused()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.StartContainer(id);
        await h.Engine.PauseContainer(id);
        await h.Engine.CommitContainer(id, new CommitOptions());
        Assert.Equal("paused", h.Engine.Get(id).Record.State.Status);
    }

    [RootFact]
    public async Task Commit_PauseFalse_NotFrozen()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.StartContainer(id);
        using var events = h.Engine.SubscribeToEvents(null, null, EventFilter.None);
        await h.Engine.CommitContainer(id, new CommitOptions { Pause = false });
        Assert.True(events.Live.TryRead(out var e));
        Assert.Equal("commit", e.Action);
    }

    [RootFact]
    public async Task Commit_UnknownContainer_NotFound_NothingStored()
    {
        int images = h.Engine.Images.Metadata.Images().Count;
        var e = await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CommitContainer("no-such-container", new CommitOptions()));
        Assert.Equal("No such container: no-such-container", e.Message);
        Assert.Equal(images, h.Engine.Images.Metadata.Images().Count);
    }

    [RootFact]
    public async Task Commit_BadChange_FormatException_NothingStored()
    {
        var id = h.Create("true");
        int images = h.Engine.Images.Metadata.Images().Count;
        await Assert.ThrowsAsync<FormatException>(() => h.Engine.CommitContainer(id, new CommitOptions { Changes = ["FROM scratch"] }));
        Assert.Equal(images, h.Engine.Images.Metadata.Images().Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(h.Engine.Images.TempDir));
    }

    [RootFact]
    public async Task Export_StoppedContainer_MergedFilesystem_NothingLeftMounted()
    {
        var id = await RunToExit("sh", "-c", "mkdir -p /data && echo hi > /data/file && rm /bin/true && ln -s /etc/passwd /data/link");
        int mountsBefore = Mounts.MountPoints().Count;

        using var tar = new MemoryStream();
        h.Engine.ExportContainer(id, tar);

        var names = TarNames(tar.ToArray());
        Assert.Contains("data/file", names);
        Assert.Contains("bin/busybox", names); // from the image's layer
        Assert.DoesNotContain("bin/true", names); // deleted by the container
        Assert.DoesNotContain(names, n => n.Contains(".wh.", StringComparison.Ordinal));
        using var reader = new TarReader(new MemoryStream(tar.ToArray()));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "data/link")
            {
                Assert.Equal(TarEntryType.SymbolicLink, entry.EntryType);
                Assert.Equal("/etc/passwd", entry.LinkName);
            }
        }
        Assert.Equal(mountsBefore, Mounts.MountPoints().Count);
        Assert.Empty(Directory.Exists(Path.Combine(h.Options.ExecRoot, "export")) ? Directory.EnumerateFileSystemEntries(Path.Combine(h.Options.ExecRoot, "export")) : []);
        Assert.False(Mounts.IsMountPoint(h.Engine.Images.Snapshots.MergedDir(id)));
    }

    [RootFact]
    public async Task Export_RunningContainer_SeesItsWrites()
    {
        var id = h.Create("sh", "-c", "echo up > /up; while true; do sleep 0.1; done");
        await h.Engine.StartContainer(id);
        while (!File.Exists(Path.Combine(h.Engine.Images.Snapshots.UpperDir(id), "up"))) await Task.Delay(20);
        using var tar = new MemoryStream();
        h.Engine.ExportContainer(id, tar);
        Assert.Contains("up", TarNames(tar.ToArray()));
        Assert.True(Mounts.IsMountPoint(h.Engine.Images.Snapshots.MergedDir(id)), "the running container's root stays mounted");
    }

    [RootFact]
    public void Export_UnknownContainer_NotFound() =>
        Assert.Throws<NotFoundException>(() => h.Engine.ExportContainer("nope", Stream.Null));
}
