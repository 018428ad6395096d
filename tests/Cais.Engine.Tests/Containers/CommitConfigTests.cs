using Cais.Engine.Containers;
using ApiConfig = Cais.Api.Models.Containers.ContainerConfig;
using ApiEmpty = Cais.Api.Models.Containers.EmptyObject;

namespace Cais.Engine.Tests.Containers;

public sealed class CommitConfigTests
{
    static ApiConfig ContainerConfig() => new()
    {
        Hostname = "abc", Image = "busybox", Tty = true,
        User = "nobody",
        Env = ["PATH=/usr/bin:/bin", "A=1"],
        Cmd = ["sh", "-c", "echo v2 > /version.txt"],
        WorkingDir = "/srv",
        Labels = new() { ["from"] = "container" },
        ExposedPorts = new() { ["80/tcp"] = new ApiEmpty() },
        StopSignal = "SIGINT",
    };

    [Fact]
    public void Build_NoConfigNoChanges_TheContainersConfig()
    {
        var c = CommitConfig.Build(null, [], ContainerConfig());
        Assert.Equal(["sh", "-c", "echo v2 > /version.txt"], c.Cmd);
        Assert.Equal("nobody", c.User);
        Assert.Equal("/srv", c.WorkingDir);
        Assert.Equal("SIGINT", c.StopSignal);
        Assert.Equal(["PATH=/usr/bin:/bin", "A=1"], c.Env);
        Assert.Equal("container", c.Labels!["from"]);
        Assert.Equal(["80/tcp"], c.ExposedPorts!.Keys);
        Assert.Null(c.Entrypoint);
        Assert.Null(c.Extra); // no hostname, tty or image name in an image config
    }

    [Fact]
    public void Build_CmdChange_ReplacesTheCommand_KeepsTheRest()
    {
        var c = CommitConfig.Build(null, ["CMD [\"cat\", \"/version.txt\"]", "ENV B=2", "LABEL x=y"], ContainerConfig());
        Assert.Equal(["cat", "/version.txt"], c.Cmd);
        Assert.Equal(["PATH=/usr/bin:/bin", "A=1", "B=2"], c.Env);
        Assert.Equal("y", c.Labels!["x"]);
        Assert.Equal("container", c.Labels!["from"]);
        Assert.Equal("nobody", c.User);
    }

    [Fact]
    public void Build_EntrypointChange_KeepsTheContainersCmdAsArguments()
    {
        var c = CommitConfig.Build(null, ["ENTRYPOINT [\"/bin/echo\"]"], ContainerConfig());
        Assert.Equal(["/bin/echo"], c.Entrypoint);
        Assert.Equal(["sh", "-c", "echo v2 > /version.txt"], c.Cmd);
    }

    [Fact]
    public void Build_RequestConfig_ItsFieldsWin_TheContainerFillsTheRest()
    {
        var requested = new ApiConfig { Cmd = ["/bin/true"], Env = ["A=9"], Labels = new() { ["from"] = "request" } };
        var c = CommitConfig.Build(requested, [], ContainerConfig());
        Assert.Equal(["/bin/true"], c.Cmd);
        Assert.Equal(["A=9", "PATH=/usr/bin:/bin"], c.Env);
        Assert.Equal("request", c.Labels!["from"]);
        Assert.Equal("/srv", c.WorkingDir);
        Assert.Equal("nobody", c.User);
    }

    [Fact]
    public void Build_RequestWithEmptyEntrypoint_KeepsItEmpty()
    {
        var container = ContainerConfig();
        container.Entrypoint = ["/entry"];
        var c = CommitConfig.Build(new ApiConfig { Entrypoint = [], Cmd = ["x"] }, [], container);
        Assert.Equal([], c.Entrypoint);
        Assert.Equal(["x"], c.Cmd);
    }

    [Fact]
    public void Build_ShellFormCmd_WrappedInSh()
    {
        var c = CommitConfig.Build(null, ["CMD cat /version.txt"], ContainerConfig());
        Assert.Equal(["/bin/sh", "-c", "cat /version.txt"], c.Cmd);
    }

    [Fact]
    public void Build_UnknownInstruction_FormatExceptionNamingIt()
    {
        var e = Assert.Throws<FormatException>(() => CommitConfig.Build(null, ["RUN rm -rf /"], ContainerConfig()));
        Assert.Contains("RUN", e.Message);
    }
}
