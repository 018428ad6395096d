using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>The runtime-spec state of one container, as indented JSON.</summary>
    public string StateJson(string id) =>
        JsonSerializer.Serialize(Describe(store.Load(id)), StateIndentedJsonContext.Default.StateDocument);

    public List<StateDocument> List()
    {
        var list = new List<StateDocument>();
        foreach (var id in store.Ids())
        {
            try { list.Add(Describe(store.Load(id))); }
            catch (ContainerNotFoundException) { }
        }
        return list;
    }

    public static string ListJson(List<StateDocument> list) => JsonSerializer.Serialize(list, StateJsonContext.Default.ListStateDocument);

    /// <summary>runc's list table: ID PID STATUS BUNDLE CREATED OWNER.</summary>
    public static string ListTable(List<StateDocument> list)
    {
        var rows = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
        rows.AddRange(list.Select(s => new[] { s.Id, s.Pid.ToString(), s.Status, s.Bundle, s.Created.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"), s.Owner }));
        return Columns(rows);
    }

    /// <summary>The pids in a container's cgroup.</summary>
    public IReadOnlyList<int> Pids(string id)
    {
        var state = store.Load(id);
        if (StatusOf(state) == ContainerStatus.Stopped) return [];
        return CgroupOf(state, null).Pids();
    }

    public static string PidsJson(IReadOnlyList<int> pids) => JsonSerializer.Serialize(pids.ToList(), StateJsonContext.Default.ListInt32);

    /// <summary>
    /// runc's `ps` table: the host's ps output (with the given options, default -ef) narrowed to
    /// the container's processes. ps must be on PATH.
    /// </summary>
    public static string PsTable(IReadOnlyList<int> pids, IReadOnlyList<string> psArgs)
    {
        var psi = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in psArgs.Count > 0 ? psArgs : ["-ef"]) psi.ArgumentList.Add(a);
        using var ps = Process.Start(psi) ?? throw new InvalidOperationException("cannot run ps");
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ps.WaitForExit();
        if (ps.ExitCode != 0 || lines.Length == 0) throw new InvalidOperationException($"ps {string.Join(' ', psArgs)} failed: {ps.StandardError.ReadToEnd().Trim()}");
        int pidColumn = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), "PID");
        if (pidColumn < 0) throw new InvalidOperationException("ps output has no PID column");
        var set = pids.ToHashSet();
        var sb = new StringBuilder(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > pidColumn && int.TryParse(f[pidColumn], out var pid) && set.Contains(pid)) sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    static string Columns(List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var r in rows)
            for (int i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            for (int i = 0; i < r.Length; i++)
                sb.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i] + 3));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
