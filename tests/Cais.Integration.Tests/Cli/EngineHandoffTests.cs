using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli;

/// <summary>
/// The two executables: `cais` is a client (and monitor) on its own, and hands the engine's
/// commands (daemon, image bootstrap) to the `caisd` beside it; without one it says so.
/// </summary>
public sealed class EngineHandoffTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    /// <summary>A copy of cais alone in a directory of its own: no caisd beside it.</summary>
    static TempDir Alone(out string cais) => Alone(CaisBinary.Path, out cais);

    /// <summary>A copy of <paramref name="executable"/> alone in a directory of its own.</summary>
    static TempDir Alone(string executable, out string copy)
    {
        var dir = new TempDir("cais-alone-");
        copy = dir.Combine(Path.GetFileName(executable));
        File.Copy(executable, copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    static readonly Dictionary<string, string?> NoAutostart = new() { ["CAIS_NO_AUTOSTART"] = "1", ["DOCKER_HOST"] = null, ["CAIS_HOST"] = null };

    [Theory]
    [InlineData("daemon")]
    [InlineData("image", "bootstrap", "busybox")]
    public void EngineCommand_NoCaisdBeside_Exit127NamingIt(params string[] args)
    {
        using var dir = Alone(out var cais);
        var r = ProcessRunner.Run(cais, args, null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(127, r.ExitCode);
        Assert.Equal($"cais: cannot run {dir.Combine("caisd")} (the engine executable, which serves this command): ENOENT (No such file or directory)\n", r.Stderr);
        Assert.Equal("", r.Stdout);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path)); // nothing left beside the copy
    }

    /// <summary>The client needs no caisd: it only talks to a daemon.</summary>
    [RootFact]
    public void ClientCommands_NoCaisdBeside_Work()
    {
        using var dir = Alone(out var cais);
        Assert.Equal("cais version 0.1.0\n", ProcessRunner.Run(cais, ["--version"]).Stdout);
        var name = "handoff-" + Guid.NewGuid().ToString("N")[..8];
        var run = ProcessRunner.Run(cais, ["-H", daemon.Host, "run", "--rm", "--name", name, "busybox", "echo", "from-a-lone-cais"], null, TimeSpan.FromSeconds(60), NoAutostart);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("from-a-lone-cais\n", run.Stdout);
    }

    /// <summary>`cais daemon` becomes caisd (same pid, as a supervisor expects); its flags reach it.</summary>
    [Fact]
    public void Daemon_BadFlag_ReportedByCaisdThroughCais()
    {
        var r = ProcessRunner.Run(CaisBinary.Path, ["daemon", "--no-such-flag"], null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(125, r.ExitCode);
        Assert.Contains("no-such-flag", r.Stderr);
    }

    static string Caisd => Path.Combine(Path.GetDirectoryName(CaisBinary.Path)!, "caisd");

    /// <summary>caisd carries no client: its client commands become the cais beside it.</summary>
    [RootFact]
    public void Caisd_ClientCommand_RunsAsCais()
    {
        var r = ProcessRunner.Run(Caisd, ["-H", daemon.Host, "run", "--rm", "busybox", "echo", "through-caisd"], null, TimeSpan.FromSeconds(60), NoAutostart);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("through-caisd\n", r.Stdout);
        var unknown = ProcessRunner.Run(Caisd, ["no-such-command"], null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("cais: 'no-such-command' is not a cais command.\nSee 'cais --help'.\n", unknown.Stderr);
    }

    [Fact]
    public void Caisd_ClientCommand_NoCaisBeside_Exit127NamingIt()
    {
        using var dir = Alone(Caisd, out var caisd);
        var r = ProcessRunner.Run(caisd, ["ps"], null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(127, r.ExitCode);
        Assert.Equal($"caisd: cannot run {dir.Combine("cais")} (the client, which serves this command): ENOENT (No such file or directory)\n", r.Stderr);
    }

    [Fact]
    public void Monitor_ByHand_IsRefusedAsNotForUsers()
    {
        var r = ProcessRunner.Run(CaisBinary.Path, ["monitor", "a", "b"], null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not a command for users", r.Stderr);
    }

    [Fact]
    public void Monitor_OptionsMissing_SaysSoAndExits1()
    {
        var r = ProcessRunner.Run(CaisBinary.Path, ["monitor", "/nonexistent/monitor.json"], null, TimeSpan.FromSeconds(30), NoAutostart);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais monitor: reading its options /nonexistent/monitor.json: ", r.Stderr);
        Assert.DoesNotContain("Unhandled", r.Stderr);
    }
}
