using Cais.TestSupport;

namespace Cais.Runtime.Tests.Support;

public class HarnessTests
{
    [Fact]
    public void ProcessRunner_Stdin_IsPassedAndOutputCaptured()
    {
        var result = ProcessRunner.Run(BusyboxRootfs.HostBusybox, ["sh", "-c", "cat; echo err >&2; exit 3"], stdin: "line 1\nline 2");
        Assert.Equal(new ProcessResult(3, "line 1\nline 2", "err\n"), result);
        Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
    }

    [Fact]
    public void ProcessRunner_Timeout_KillsAndThrowsWithOutputSoFar()
    {
        var started = DateTime.UtcNow;
        var ex = Assert.Throws<TimeoutException>(() => ProcessRunner.Run(
            BusyboxRootfs.HostBusybox, ["sh", "-c", "echo begun; sleep 30"], timeout: TimeSpan.FromMilliseconds(500)));
        Assert.Contains("begun", ex.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ProcessRunner_Environment_IsAddedToTheInheritedOne()
    {
        var result = ProcessRunner.Run(BusyboxRootfs.HostBusybox, ["sh", "-c", "echo $CAIS_PROBE"],
            environment: new Dictionary<string, string?> { ["CAIS_PROBE"] = "42" });
        Assert.Equal("42\n", result.Stdout);
    }

    [Fact]
    public void TestPaths_RepoRoot_HoldsTheSolution() =>
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "cais.slnx")));

    [Fact]
    public void CaisBinary_Missing_ExplainsHowToPublish()
    {
        var previous = Environment.GetEnvironmentVariable(CaisBinary.EnvironmentVariable);
        Environment.SetEnvironmentVariable(CaisBinary.EnvironmentVariable, "/nonexistent/cais");
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => CaisBinary.Run("version"));
            Assert.Contains("scripts/build.sh", ex.Message);
            Assert.Contains("/nonexistent/cais", ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaisBinary.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void CaisBinary_FromEnvironment_RunsThatExecutable()
    {
        // Any executable stands in for cais here: busybox prints its applet's output.
        var previous = Environment.GetEnvironmentVariable(CaisBinary.EnvironmentVariable);
        using var dir = new TempDir();
        var fake = Path.Combine(dir.Path, "echo");
        File.CreateSymbolicLink(fake, BusyboxRootfs.HostBusybox);
        Environment.SetEnvironmentVariable(CaisBinary.EnvironmentVariable, fake);
        try
        {
            Assert.Equal(new ProcessResult(0, "ps -a\n", ""), CaisBinary.Run("ps", "-a"));
            Assert.Equal("x\n", CaisBinary.Run(["x"], stdin: "ignored", timeout: TimeSpan.FromSeconds(5)).Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaisBinary.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void HostRequirements_FindOnPath_FindsShellAndNotNonsense()
    {
        Assert.NotNull(HostRequirements.FindOnPath("sh"));
        Assert.Null(HostRequirements.FindOnPath("no-such-program-" + TempDir.RandomName()));
    }

    [Fact]
    public void TempDir_Dispose_RemovesTheDirectory()
    {
        var dir = new TempDir();
        File.WriteAllText(dir.Combine("f"), "x");
        dir.Dispose();
        Assert.False(Directory.Exists(dir.Path));
    }
}
