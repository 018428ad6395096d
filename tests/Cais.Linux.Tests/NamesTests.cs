namespace Cais.Linux.Tests;

public class NamesTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigterm", 15)]
    [InlineData("9", 9)]
    [InlineData("USR1", 10)]
    [InlineData("RTMIN", 34)]
    [InlineData("RTMIN+3", 37)]
    [InlineData("SIGRTMAX-1", 63)]
    public void SignalsParse_KnownNames_ReturnNumber(string name, int expected) => Assert.Equal(expected, Signals.Parse(name));

    [Theory]
    [InlineData("NOPE")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("RTMIN+99")]
    public void SignalsParse_Unknown_ThrowsNamingInput(string name)
    {
        var e = Assert.Throws<FormatException>(() => Signals.Parse(name));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void SignalsName_Number_ReturnsSigName()
    {
        Assert.Equal("SIGTERM", Signals.Name(15));
        Assert.Equal("SIGRTMIN+2", Signals.Name(36));
    }

    [Fact]
    public void CapabilitiesNumber_AcceptsWithAndWithoutPrefix()
    {
        Assert.Equal(0, Capabilities.Number("CAP_CHOWN"));
        Assert.Equal(12, Capabilities.Number("net_admin"));
        Assert.Equal(21, Capabilities.Number("CAP_SYS_ADMIN"));
        Assert.Equal(-1, Capabilities.Number("CAP_NOT_A_THING"));
        Assert.Equal("CAP_SYS_RESOURCE", Capabilities.Name(24));
    }

    [Fact]
    public void RlimitsNumber_KnownAndUnknown()
    {
        Assert.Equal(7, Rlimits.Number("RLIMIT_NOFILE"));
        Assert.Equal(-1, Rlimits.Number("RLIMIT_BOGUS"));
    }

    [Fact]
    public void ErrnoDescribe_IncludesSymbolAndText()
    {
        Assert.Equal("EPERM", Errno.Name(1));
        Assert.StartsWith("ENOENT (", Errno.Describe(2));
        Assert.Equal("errno 999", Errno.Name(999));
    }

    [Fact]
    public void SyscallException_MessageNamesCallTargetAndErrno()
    {
        var e = new SyscallException("mount", "/x", Errno.EPERM);
        Assert.StartsWith("mount /x: EPERM (", e.Message);
        Assert.Equal("EPERM", e.ErrnoName);
    }
}

public class ProcFsTests
{
    [Fact]
    public void NamespaceId_IsTheLinkText()
    {
        var id = ProcFs.NamespaceId(Processes.CurrentPid, "net");
        Assert.Matches(@"^net:\[\d+\]$", id);
        Assert.Equal(id, ProcFs.NamespaceId(Processes.CurrentPid, "net"));
    }

    [Fact]
    public void ReadStat_Self_IsRunningWithAStartTime()
    {
        var stat = ProcFs.ReadStat(Processes.CurrentPid);
        Assert.NotNull(stat);
        Assert.True(stat.Value.StartTime > 0);
        Assert.True(ProcFs.IsAlive(Processes.CurrentPid, stat.Value.StartTime));
        Assert.False(ProcFs.IsAlive(Processes.CurrentPid, stat.Value.StartTime + 1));
    }
}
