using System.Diagnostics;
using System.Globalization;
using Cais.Api.Tests.Daemon;
using Cais.Api.Tests.Support;
using Cais.TestSupport;

namespace Cais.Api.Tests.Containers;

/// <summary>The real docker CLI (version 28) on events, commit and export, against real containers.</summary>
public sealed class DockerCliEventsCommitExportTests : IAsyncLifetime
{
    ContainerDaemonHarness? h;

    ContainerDaemonHarness H => h!;

    public async Task InitializeAsync()
    {
        if (HostRequirements.IsRoot && File.Exists(ContainerDaemonHarness.DockerPath)) h = await ContainerDaemonHarness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (h is not null) await h.DisposeAsync();
    }

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The docker CLI sends <c>--until 0s</c> as whole Unix seconds, so an event is in the window
    /// only once its second has passed (Docker's daemon reads the window the same way).
    /// </summary>
    static void WaitForTheNextSecond()
    {
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() == second) Thread.Sleep(10);
    }

    [DockerCliFact]
    public void Events_SinceOneMinuteUntilNow_ThePastEventsOfARun_ThenTheStreamEnds()
    {
        Assert.Equal(2, H.Docker("run", "--name", "cli-ev", "busybox", "sh", "-c", "exit 2").ExitCode);
        H.Succeed("run", "--name", "cli-other", "busybox", "true");
        WaitForTheNextSecond();

        var events = H.Succeed("events", "--since", "1m", "--until", "0s", "--filter", "container=cli-ev",
            "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}").Stdout;

        Assert.Equal(["container create cli-ev", "container attach cli-ev", "container start cli-ev", "container die cli-ev 2"],
            Lines(events).Select(l => l.Replace("<no value>", "").Trim()));
    }

    [DockerCliFact]
    public void Events_Json_CarriesDockersFields()
    {
        H.Succeed("create", "--name", "cli-json", "--label", "tier=web", "busybox", "true");
        WaitForTheNextSecond();
        var line = Lines(H.Succeed("events", "--since", "1m", "--until", "0s", "--format", "{{json .}}").Stdout).Single();
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("create", root.GetProperty("status").GetString());
        Assert.Equal("container", root.GetProperty("Type").GetString());
        Assert.Equal("create", root.GetProperty("Action").GetString());
        Assert.Equal("busybox", root.GetProperty("from").GetString());
        Assert.Equal("local", root.GetProperty("scope").GetString());
        var attributes = root.GetProperty("Actor").GetProperty("Attributes");
        Assert.Equal("web", attributes.GetProperty("tier").GetString());
        Assert.Equal("cli-json", attributes.GetProperty("name").GetString());
        Assert.Equal(root.GetProperty("id").GetString(), root.GetProperty("Actor").GetProperty("ID").GetString());
        Assert.Equal(root.GetProperty("time").GetInt64(), root.GetProperty("timeNano").GetInt64() / 1_000_000_000);
    }

    [DockerCliFact]
    public async Task Events_FilterEventStart_StreamsTheStartAsItHappens()
    {
        H.Succeed("create", "--name", "cli-start", "busybox", "true");
        var info = new ProcessStartInfo(ContainerDaemonHarness.DockerPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "events", "--filter", "event=start", "--format", "{{.Action}} {{.Actor.Attributes.name}}" }) info.ArgumentList.Add(a);
        foreach (var (k, v) in H.DockerEnvironment)
        {
            if (v is null) info.Environment.Remove(k);
            else info.Environment[k] = v;
        }
        using var events = Process.Start(info)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (H.Engine.Events.Bus.SubscriberCount == 0 && DateTime.UtcNow < deadline && !events.HasExited) await Task.Delay(20);
            Assert.True(H.Engine.Events.Bus.SubscriberCount == 1, $"docker events did not subscribe: {(events.HasExited ? await events.StandardError.ReadToEndAsync() : "still running")}");

            H.Succeed("start", "cli-start");

            var line = await events.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("start cli-start", line);
        }
        finally
        {
            events.Kill(); // our own child, by its handle
            await events.WaitForExitAsync();
        }
        var deadlineGone = DateTime.UtcNow.AddSeconds(10);
        while (H.Engine.Events.Bus.SubscriberCount > 0 && DateTime.UtcNow < deadlineGone) await Task.Delay(20);
        Assert.Equal(0, H.Engine.Events.Bus.SubscriberCount);
    }

    [DockerCliFact]
    public void Events_SinceAfterUntil_RefusedAsDockerDoes()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var result = H.Docker("events", "--since", (now + 10).ToString(CultureInfo.InvariantCulture), "--until", now.ToString(CultureInfo.InvariantCulture));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot be after `until` time", result.Stderr);
    }

    [DockerCliFact]
    public void Commit_WithCmdChange_Scenario06()
    {
        H.Succeed("run", "--name", "acc-c", "busybox", "sh", "-c", "echo v2 > /version.txt && rm /bin/true");
        H.Succeed("commit", "-c", "CMD [\"cat\", \"/version.txt\"]", "-m", "made by a test", "acc-c", "acc-user/committed:v2");

        Assert.Equal("v2", H.Succeed("run", "--rm", "acc-user/committed:v2").Stdout.Trim());
        Assert.NotEqual(0, H.Docker("run", "--rm", "acc-user/committed:v2", "test", "-e", "/bin/true").ExitCode);
        Assert.NotEqual(0, H.Docker("run", "--rm", "busybox", "test", "-e", "/version.txt").ExitCode);
        Assert.True(Lines(H.Succeed("history", "-q", "acc-user/committed:v2").Stdout).Length >= 2);
        var history = H.Succeed("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", "acc-user/committed:v2").Stdout;
        Assert.StartsWith("sh -c echo v2 > /version.txt && rm /bin/true|made by a test", history);
        Assert.Equal("[cat /version.txt]", H.Succeed("image", "inspect", "--format", "{{.Config.Cmd}}", "acc-user/committed:v2").Stdout.Trim());
        WaitForTheNextSecond();

        var events = Lines(H.Succeed("events", "--since", "1m", "--until", "0s", "--filter", "event=commit", "--filter", "event=tag",
            "--format", "{{.Type}} {{.Action}}").Stdout);
        Assert.Equal(["image tag", "container commit"], events);

        H.Succeed("rm", "acc-c");
        H.Succeed("rmi", "acc-user/committed:v2");
        Assert.NotEqual(0, H.Docker("image", "inspect", "acc-user/committed:v2").ExitCode);
    }

    [DockerCliFact]
    public void Commit_UnknownContainer_404NamingIt()
    {
        var result = H.Docker("commit", "no-such-container", "x:1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No such container: no-such-container", result.Stderr);
        Assert.NotEqual(0, H.Docker("image", "inspect", "x:1").ExitCode);
    }

    [DockerCliFact]
    public void Commit_BadChange_400NamingIt()
    {
        H.Succeed("create", "--name", "cli-bad", "busybox", "true");
        var result = H.Docker("commit", "-c", "BOGUS x", "cli-bad", "x:1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BOGUS", result.Stderr);
    }

    [DockerCliFact]
    public void Export_PipedIntoTar_ListsTheContainersFiles()
    {
        H.Succeed("run", "--name", "cli-exp", "busybox", "sh", "-c", "echo hi > /hello && rm /bin/true");
        var listed = ProcessRunner.Run("/bin/sh", ["-c", $"{ContainerDaemonHarness.DockerPath} export cli-exp | tar t"], stdin: null,
            TimeSpan.FromSeconds(60), H.DockerEnvironment);
        Assert.True(listed.ExitCode == 0, listed.Describe());
        var names = Lines(listed.Stdout);
        Assert.Contains("hello", names);
        Assert.Contains("bin/busybox", names);
        Assert.DoesNotContain("bin/true", names);

        var file = H.Combine("export.tar");
        H.Succeed("export", "-o", file, "cli-exp");
        var extracted = ProcessRunner.Run("/bin/sh", ["-c", $"tar xOf {file} hello"]);
        Assert.Equal("hi\n", extracted.Stdout);
    }

    [DockerCliFact]
    public void Export_UnknownContainer_404()
    {
        var result = H.Docker("export", "-o", H.Combine("x.tar"), "nope");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No such container: nope", result.Stderr);
    }
}
