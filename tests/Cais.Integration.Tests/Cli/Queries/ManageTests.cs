using System.Formats.Tar;
using System.Text.Json;
using Cais.Integration.Tests.Images;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>
/// The verbs that look into or change a container (top, rename, pause, unpause, update, port,
/// stats, diff, commit, export, prune), run by the published `cais` against a real daemon.
/// </summary>
[Collection("containers")]
public sealed class ManageTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>, IDisposable
{
    readonly ContainerApi api = new(daemon);
    readonly TempDir files = new("cais-manage-");

    public void Dispose() => files.Dispose();

    [RootFact]
    public void Top_TheContainersProcessesAndPsArguments()
    {
        var name = ContainerApi.UniqueName("top");
        api.Running(name);

        var table = ImageTable.Parse(daemon.Succeed("top", name).Stdout);
        Assert.Contains("PID", table.Columns);
        Assert.Contains(table.Rows, r => r[table.Columns[^1]] == "sleep 1000");

        var custom = daemon.Succeed("top", name, "-o", "pid,comm").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^PID\s+COMMAND$", custom[0]);
        Assert.Contains(custom.Skip(1), line => line.EndsWith("sleep", StringComparison.Ordinal));
    }

    [RootFact]
    public void Rename_TheContainerAnswersToItsNewName()
    {
        var name = ContainerApi.UniqueName("old");
        var id = api.Running(name);
        var renamed = ContainerApi.UniqueName("new");

        var r = daemon.Succeed("rename", name, renamed);

        Assert.Equal("", r.Stdout);
        Assert.Equal(id, daemon.Succeed("inspect", "-f", "{{.Id}}", renamed).Stdout.Trim());
        Assert.Equal(1, daemon.Cais("inspect", name).ExitCode);
        var empty = daemon.Cais("rename", renamed, " ");
        Assert.Equal((1, "Error: Neither old nor new names may be empty\n"), (empty.ExitCode, empty.Stderr));
    }

    [RootFact]
    public void Rename_ToATakenName_TheDaemonsReasonThenDockersSummary()
    {
        var name = ContainerApi.UniqueName("first");
        api.Running(name);
        var taken = ContainerApi.UniqueName("second");
        api.Running(taken);

        var r = daemon.Cais("rename", name, taken);

        Assert.Equal(1, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Error response from daemon: ", lines[0]);
        Assert.Contains(taken, lines[0]);
        Assert.Equal($"Error: failed to rename container named {name}", lines[1]);
    }

    [RootFact]
    public void PauseUnpause_PrintEachNameAndShowInPs()
    {
        var name = ContainerApi.UniqueName("frozen");
        api.Running(name);

        Assert.Equal($"{name}\n", daemon.Succeed("pause", name).Stdout);
        Assert.Equal("paused", daemon.Succeed("inspect", "-f", "{{.State.Status}}", name).Stdout.Trim());
        Assert.EndsWith("(Paused)", daemon.Succeed("ps", "-f", $"name={name}", "--format", "{{.Status}}").Stdout.Trim());

        Assert.Equal($"{name}\n", daemon.Succeed("unpause", name).Stdout);
        Assert.Equal("running", daemon.Succeed("inspect", "-f", "{{.State.Status}}", name).Stdout.Trim());
    }

    [RootFact]
    public void Pause_OneMissing_TheOthersPausedAndExit1()
    {
        var name = ContainerApi.UniqueName("frozen");
        api.Running(name);
        var missing = ContainerApi.UniqueName("missing");

        var r = daemon.Cais("pause", missing, name);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{name}\n", r.Stdout);
        Assert.Equal($"Error response from daemon: No such container: {missing}\n", r.Stderr);
        daemon.Succeed("unpause", name);
    }

    [RootFact]
    public void Update_ChangesLimitsAndRestartPolicy()
    {
        var name = ContainerApi.UniqueName("limits");
        api.Running(name);

        var r = daemon.Succeed("update", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--cpu-shares", "512", "--pids-limit", "50", "--restart", "on-failure:3", name);

        Assert.Equal($"{name}\n", r.Stdout);
        var host = JsonDocument.Parse(daemon.Succeed("inspect", "-f", "{{json .HostConfig}}", name).Stdout).RootElement;
        Assert.Equal(64L << 20, host.GetProperty("Memory").GetInt64());
        Assert.Equal(128L << 20, host.GetProperty("MemorySwap").GetInt64());
        Assert.Equal(500_000_000L, host.GetProperty("NanoCpus").GetInt64());
        Assert.Equal(512, host.GetProperty("CpuShares").GetInt64());
        Assert.Equal(50, host.GetProperty("PidsLimit").GetInt64());
        Assert.Equal("on-failure", host.GetProperty("RestartPolicy").GetProperty("Name").GetString());
        Assert.Equal(3, host.GetProperty("RestartPolicy").GetProperty("MaximumRetryCount").GetInt32());
    }

    [RootTheory]
    [InlineData(new string[0], 1, "you must provide one or more flags when using this command")]
    [InlineData(new[] { "--memory", "lots" }, 125, "invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'")]
    [InlineData(new[] { "--cpus", "two" }, 125, "invalid argument \"two\" for \"--cpus\" flag: failed to parse two as a rational number")]
    [InlineData(new[] { "--restart", "on-failure:x" }, 1, "invalid restart policy format: maximum retry count must be an integer")]
    public void Update_BadFlags_DockersMessage(string[] flags, int status, string message)
    {
        var name = ContainerApi.UniqueName("limits");
        api.Running(name);

        var r = daemon.Cais(["update", .. flags, name]);

        Assert.True(r.ExitCode == status, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.StartsWith(message, r.Stderr);
    }

    [RootFact]
    public void Port_NoPublishedPorts_NothingOrAnErrorForAPort()
    {
        var name = ContainerApi.UniqueName("ports");
        api.Running(name);

        Assert.Equal("", daemon.Succeed("port", name).Stdout);
        var one = daemon.Cais("port", name, "80/tcp");
        Assert.Equal((1, $"Error: No public port '80/tcp' published for {name}\n"), (one.ExitCode, one.Stderr));
    }

    [RootFact]
    public void Stats_NoStream_OneTableWithTheContainersFigures()
    {
        var name = ContainerApi.UniqueName("stats");
        var id = api.Running(name);

        var table = ImageTable.Parse(daemon.Succeed("stats", "--no-stream", name).Stdout);

        Assert.Equal(["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal((id[..12], name), (row["CONTAINER ID"], row["NAME"]));
        Assert.Matches(@"^\d+\.\d\d%$", row["CPU %"]);
        Assert.Matches(@"^[\d.]+[KMG]?i?B / [\d.]+[KMGT]?i?B$", row["MEM USAGE / LIMIT"]);
        Assert.Equal("1", row["PIDS"]);
        Assert.Equal($"{name} 1\n", daemon.Succeed("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", name).Stdout);
    }

    [RootFact]
    public void Stats_Streaming_RedrawsTheTableUntilInterrupted()
    {
        var name = ContainerApi.UniqueName("streamed");
        api.Running(name);

        // SIGINT after a few seconds, as Ctrl-C would: the stream ends and the command succeeds.
        var r = ProcessRunner.Run("timeout", ["--preserve-status", "-s", "INT", "4", CaisBinary.Path, "-H", daemon.Host, "stats", name],
            stdin: null, TimeSpan.FromSeconds(30), CaisDaemonFixture.ClientEnvironment);

        Assert.True(r.ExitCode == 0, r.Describe());
        var screens = r.Stdout.Split("\u001b[2J\u001b[H", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(screens.Length >= 2, $"one redraw a second, yet {screens.Length} screens:\n{r.Stdout}");
        Assert.All(screens, screen => Assert.StartsWith("CONTAINER ID   NAME", screen));
        Assert.Contains(name, screens[^1]);
    }

    [RootFact]
    public void Stats_AllWithoutNames_ListsTheRunningOnes()
    {
        var name = ContainerApi.UniqueName("stats");
        api.Running(name);

        var names = daemon.Succeed("stats", "--no-stream", "--format", "{{.Name}}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(name, names);
    }

    [RootFact]
    public void Stats_Missing_ErrorAndExit1()
    {
        var missing = ContainerApi.UniqueName("missing");

        var r = daemon.Cais("stats", "--no-stream", missing);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"Error response from daemon: No such container: {missing}\n", r.Stderr);
    }

    [RootFact]
    public void Diff_AddedAndChangedFiles()
    {
        var name = ContainerApi.UniqueName("diff");
        var id = api.Create(name, ["sh", "-c", "echo x > /tmp/new && rm /etc/hostname; sleep 1000"]);
        api.Start(id);

        var lines = Poll(() => daemon.Succeed("diff", name).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("A /tmp/new"));

        Assert.Contains("C /tmp", lines);
        Assert.Contains("A /tmp/new", lines);
    }

    [RootFact]
    public void Commit_MakesAnImageWithTheChanges()
    {
        var name = ContainerApi.UniqueName("commit");
        var id = api.Create(name, ["sh", "-c", "echo committed > /made-here; sleep 1000"]);
        api.Start(id);
        Poll(() => daemon.Succeed("diff", name).Stdout, d => d.Contains("A /made-here"));
        var repository = $"cais-test/committed-{TempDir.RandomName()}";

        var r = daemon.Succeed("commit", "-m", "from a test", "-a", "Tester <t@example.com>", "-c", "ENV FROM_COMMIT=1", name, repository + ":v1");

        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        var image = JsonDocument.Parse(daemon.Succeed("image", "inspect", repository + ":v1").Stdout).RootElement[0];
        Assert.Equal(r.Stdout.Trim(), image.GetProperty("Id").GetString());
        Assert.Equal("from a test", image.GetProperty("Comment").GetString());
        Assert.Equal("Tester <t@example.com>", image.GetProperty("Author").GetString());
        Assert.Contains("FROM_COMMIT=1", image.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        daemon.Succeed("rmi", repository + ":v1");
    }

    [RootFact]
    public void Export_ToAFile_TheContainersFilesystem()
    {
        var name = ContainerApi.UniqueName("export");
        var id = api.Create(name, ["sh", "-c", "echo exported > /made-here; sleep 1000"]);
        api.Start(id);
        Poll(() => daemon.Succeed("diff", name).Stdout, d => d.Contains("A /made-here"));
        var output = files.Combine("fs.tar");

        daemon.Succeed("export", "-o", output, name);

        var names = new List<string>();
        using (var reader = new TarReader(File.OpenRead(output)))
            while (reader.GetNextEntry() is { } entry)
                names.Add(entry.Name.TrimStart('.', '/'));
        Assert.Contains("bin/busybox", names);
        Assert.Contains("made-here", names);
        Assert.Equal([Path.GetFileName(output)], Directory.GetFiles(files.Path).Select(Path.GetFileName));
    }

    [RootFact]
    public void ContainerPrune_RemovesTheStoppedOnes()
    {
        var suite = TempDir.RandomName();
        var labels = new Dictionary<string, string> { ["suite"] = suite };
        var exited = api.Exited(ContainerApi.UniqueName("pruned"), 0, labels);
        var running = api.Running(ContainerApi.UniqueName("kept"), labels);

        var r = daemon.Succeed("container", "prune", "-f", "--filter", $"label=suite={suite}");

        Assert.StartsWith($"Deleted Containers:\n{exited}\n\nTotal reclaimed space: ", r.Stdout);
        Assert.Equal([running[..12]], daemon.Succeed("ps", "-aq", "-f", $"label=suite={suite}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootFact]
    public void ContainerGroup_DispatchesAndNamesUnknownSubcommands()
    {
        var name = ContainerApi.UniqueName("grouped");
        var id = api.Running(name);

        Assert.Equal($"{id[..12]}\n", daemon.Succeed("container", "ls", "-q", "-f", $"name={name}").Stdout);
        Assert.Equal($"{id[..12]}\n", daemon.Succeed("container", "list", "-q", "-f", $"name={name}").Stdout);
        var unknown = daemon.Cais("container", "frobnicate");
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("cais: unknown command: cais container frobnicate", unknown.Stderr);
        Assert.Contains("ls", daemon.Succeed("container", "--help").Stdout);
    }

    static T Poll<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            Thread.Sleep(50);
        }
    }
}
