using System.Diagnostics;
using System.Text.RegularExpressions;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Top;

namespace Cais.Engine;

// GET /containers/{id}/top?ps_args=: the host's ps, narrowed to the processes in the container's
// cgroup (host pids), as Docker does it.
public sealed partial class Engine
{
    static readonly string[] NoHeaderOptions =
        ["--no-header", "--no-headers", "--no-heading", "--no-headings", "--noheader", "--noheaders", "--noheading", "--noheadings"];

    public async Task<ProcessTable> TopContainer(string idOrName, string? psArgs, CancellationToken cancel = default)
    {
        psArgs = string.IsNullOrEmpty(psArgs) ? "-ef" : psArgs;
        RefuseRenamedPidColumn(psArgs);
        var c = Get(idOrName);
        if (c.Record.State.Status == "restarting") throw Restarting(c);
        if (!c.Record.State.Running) throw NotRunning(c);
        var pids = ContainerPids(c);

        var args = psArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // ps prints nothing to tell the columns apart without its header line.
        foreach (var a in args)
            if (NoHeaderOptions.Contains(a)) throw new PsFailedException($"option {a} is not allowed");
        // -q reads only the listed pids, far quicker on a busy host; some options (the forest
        // ones) refuse it, and then the whole table is read and filtered.
        var quick = await RunPs([.. args, "-q" + string.Join(',', pids)], cancel);
        var output = quick.ExitCode == 0 ? quick : await RunPs(args, cancel);
        if (output.ExitCode != 0)
        {
            var why = output.Stderr.Split('\n', 2)[0].Trim();
            throw new PsFailedException($"ps: {(why.Length > 0 ? why : $"exit status {output.ExitCode}")}");
        }
        var table = PsTable.Parse(output.Stdout, pids);
        Events.Container("top", c);
        return table;
    }

    /// <summary>The host pids of the container's processes (its cgroup's members).</summary>
    HashSet<int> ContainerPids(Container c)
    {
        try { return [.. runtime.Pids(c.Id)]; }
        catch (Cais.Runtime.State.ContainerNotFoundException) { throw NotRunning(c); }
    }

    /// <summary>
    /// "-o user=PID" would title another column PID and make ps's output lie about which rows are
    /// the container's; only "pid=..." may be renamed so (Docker's rule and words).
    /// </summary>
    static void RefuseRenamedPidColumn(string psArgs)
    {
        foreach (Match m in RenamedPid().Matches(psArgs))
            if (m.Groups[1].Value != "pid")
                throw new PsFailedException($"specifying \"{m.Groups[1].Value}={m.Groups[2].Value}\" is not allowed");
    }

    [GeneratedRegex(@"[ \t\r\n\f]+([^ \t\r\n\f]*)=[ \t\r\n\f]*(PID[^ \t\r\n\f]*)")]
    private static partial Regex RenamedPid();

    sealed record PsRun(int ExitCode, string Stdout, string Stderr);

    static async Task<PsRun> RunPs(IReadOnlyList<string> args, CancellationToken cancel)
    {
        var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        // Written to a pipe, ps prints whole lines; $COLUMNS would cut them, $PS_FORMAT change the columns.
        start.Environment.Remove("COLUMNS");
        start.Environment.Remove("PS_FORMAT");
        Process ps;
        try { ps = Process.Start(start) ?? throw new PsFailedException("ps: could not be started"); }
        catch (System.ComponentModel.Win32Exception e) { throw new PsFailedException($"ps: {e.Message}"); }
        using (ps)
        {
            var stdout = ps.StandardOutput.ReadToEndAsync(cancel);
            var stderr = ps.StandardError.ReadToEndAsync(cancel);
            await ps.WaitForExitAsync(cancel);
            return new PsRun(ps.ExitCode, await stdout, await stderr);
        }
    }
}
