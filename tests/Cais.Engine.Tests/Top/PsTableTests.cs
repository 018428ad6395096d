using Cais.Engine.Top;

namespace Cais.Engine.Tests.Top;

/// <summary>ps output as procps-ng 4 prints it, cut into Docker's Titles and Processes.</summary>
public sealed class PsTableTests
{
    const string Ef = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 11:05 ?        00:02:19 /sbin/init splash
        root       22172   22169  0 16:57 ?        00:00:00 sh -c while true; do sleep 1; done
        root       22175   22172  0 16:57 ?        00:00:00 sleep 1
        """;

    [Fact]
    public void Ef_KeepsTheContainersRows_CommandWithItsSpaces()
    {
        var table = PsTable.Parse(Ef + "\n", [22172, 22175]);
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], table.Titles);
        Assert.Equal(2, table.Processes.Count);
        Assert.Equal(["root", "22172", "22169", "0", "16:57", "?", "00:00:00", "sh -c while true; do sleep 1; done"], table.Processes[0]);
        Assert.Equal("sleep 1", table.Processes[1][7]);
    }

    [Fact]
    public void Aux_NumbersWiderThanTheirTitles_StayInTheirColumns()
    {
        const string aux = """
            USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
            root           1  0.6  0.0  44920 15032 ?        S<Ll 11:05   2:19 /process_api --addr 0.0.0.0:2024
            root      123456  0.0  0.0   2268   904 ?        Ss   16:57   0:00 sh -c sleep 1000
            """;
        var table = PsTable.Parse(aux, [123456]);
        var row = Assert.Single(table.Processes);
        Assert.Equal(["root", "123456", "0.0", "0.0", "2268", "904", "?", "Ss", "16:57", "0:00", "sh -c sleep 1000"], row);
    }

    [Fact]
    public void Threads_DashPidRowsFollowTheirProcess()
    {
        const string threads = """
                PID TTY          TIME CMD
                 10 ?        00:00:00 other
                  - -        00:00:00 -
                 20 ?        00:00:01 mine
                  - -        00:00:00 -
                  - -        00:00:01 -
            """;
        var table = PsTable.Parse(threads, [20]);
        Assert.Equal(3, table.Processes.Count);
        Assert.Equal("20", table.Processes[0][0]);
        Assert.All(table.Processes.Skip(1), row => Assert.Equal("-", row[0]));
    }

    [Fact]
    public void NoPidColumn_Fails()
    {
        var e = Assert.Throws<PsFailedException>(() => PsTable.Parse("USER COMMAND\nroot init\n", [1]));
        Assert.Equal("Couldn't find PID field in ps output", e.Message);
    }

    [Fact]
    public void PidNotANumber_FailsNamingIt()
    {
        var e = Assert.Throws<PsFailedException>(() => PsTable.Parse("PID CMD\nabc init\n", [1]));
        Assert.Contains("Unexpected pid 'abc'", e.Message);
    }

    [Fact]
    public void NoneOfTheContainers_TitlesOnly()
    {
        var table = PsTable.Parse(Ef, [99999]);
        Assert.Equal(8, table.Titles.Count);
        Assert.Empty(table.Processes);
    }
}
