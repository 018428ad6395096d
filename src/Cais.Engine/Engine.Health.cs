using Cais.Api.Models.Containers;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Exec;
using Cais.Engine.Monitor;
using Cais.Linux;

namespace Cais.Engine;

// HEALTHCHECK: while a container runs, a probe runs in it as an exec every interval; its
// results make State.Health (starting → healthy / unhealthy), as Docker's health monitor does.
public sealed partial class Engine
{
    /// <summary>Docker's defaults for a health check field left at 0.</summary>
    static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromSeconds(30), DefaultProbeTimeout = TimeSpan.FromSeconds(30),
        DefaultStartInterval = TimeSpan.FromSeconds(5);
    const int DefaultRetries = 3, MaxLogEntries = 5, MaxProbeOutput = 4096;

    /// <summary>The container's health check, or null when it has none (or NONE).</summary>
    static HealthConfig? HealthcheckOf(ContainerRecord r) =>
        r.Config.Healthcheck is { Test: [var kind, ..] } hc && kind != "NONE" ? hc : null;

    /// <summary>Begins probing a container that has just started (call with its gate held).</summary>
    void StartHealthChecks(Container c)
    {
        c.HealthChecks?.Cancel();
        c.HealthChecks = null;
        if (HealthcheckOf(c.Record) is not { } hc) return;
        var health = c.Record.State.Health ??= new Health();
        health.Status = "starting";
        health.FailingStreak = 0;
        health.Log ??= [];
        var stop = new CancellationTokenSource();
        c.HealthChecks = stop;
        var startedAt = DateTime.UtcNow;
        _ = Task.Run(() => ProbeLoop(c, hc, startedAt, stop.Token));
    }

    /// <summary>Stops probing a container that has exited; Docker then reports it unhealthy.</summary>
    void StopHealthChecks(Container c)
    {
        if (c.HealthChecks is not { } stop) return;
        stop.Cancel();
        c.HealthChecks = null;
        if (c.Record.State.Health is { } h) h.Status = "unhealthy";
    }

    async Task ProbeLoop(Container c, HealthConfig hc, DateTime startedAt, CancellationToken stop)
    {
        var interval = Duration(hc.Interval, DefaultProbeInterval);
        var startPeriod = Duration(hc.StartPeriod, TimeSpan.Zero);
        var startInterval = Duration(hc.StartInterval, DefaultStartInterval);
        try
        {
            while (true)
            {
                bool inStartPeriod = DateTime.UtcNow - startedAt < startPeriod;
                await Task.Delay(inStartPeriod && hc.StartInterval > 0 ? startInterval : interval, stop);
                var result = await Probe(c, hc, stop);
                await c.Gate.WaitAsync(stop);
                try
                {
                    if (stop.IsCancellationRequested) return;
                    var health = c.Record.State.Health!;
                    var before = health.Status;
                    Record(health, result, hc, DateTime.UtcNow - startedAt < startPeriod);
                    Save(c);
                    if (health.Status != before) Events.Container("health_status: " + health.Status, c);
                }
                finally
                {
                    c.Gate.Release();
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            Console.Error.WriteLine($"cais daemon: health check of {c.Record.Name}: {e.Message}");
        }
    }

    /// <summary>Docker's rules: a success is healthy; failures count after the start period, and
    /// Retries of them in a row make the container unhealthy.</summary>
    static void Record(Health health, HealthcheckResult result, HealthConfig hc, bool inStartPeriod)
    {
        var log = health.Log ??= [];
        log.Add(result);
        if (log.Count > MaxLogEntries) log.RemoveRange(0, log.Count - MaxLogEntries);
        if (result.ExitCode == 0)
        {
            health.Status = "healthy";
            health.FailingStreak = 0;
            return;
        }
        if (inStartPeriod && health.Status == "starting") return; // failures while starting up do not count
        health.FailingStreak++;
        if (health.FailingStreak >= (hc.Retries > 0 ? hc.Retries : DefaultRetries)) health.Status = "unhealthy";
    }

    /// <summary>One run of the probe, as an exec in the container, killed at the timeout.</summary>
    async Task<HealthcheckResult> Probe(Container c, HealthConfig hc, CancellationToken stop)
    {
        var timeout = Duration(hc.Timeout, DefaultProbeTimeout);
        var test = hc.Test!;
        IReadOnlyList<string> cmd = test[0] == "CMD-SHELL"
            ? [.. (c.Record.Config.Shell is { Count: > 0 } shell ? shell : ["/bin/sh", "-c"]), string.Join(' ', test.Skip(1))]
            : [.. test.Skip(1)];
        var start = DateTimeOffset.UtcNow;
        var output = new ProbeOutput();
        var exec = new ExecInstance(ContainerNames.NewId(), c.Id, new ExecConfig { Cmd = cmd, AttachStdout = true, AttachStderr = true });
        lock (execsLock) execs[exec.Id] = exec;
        try
        {
            try
            {
                await StartExec(exec.Id, output.WriteAsync, stop);
            }
            catch (Exception e) when (e is StartFailedException or ConflictException)
            {
                return new HealthcheckResult { Start = start, End = DateTimeOffset.UtcNow, ExitCode = exec.ExitCode ?? 126, Output = e.Message };
            }
            try
            {
                int code = await exec.Exited.WaitAsync(timeout, stop);
                return new HealthcheckResult { Start = start, End = DateTimeOffset.UtcNow, ExitCode = code, Output = output.Text };
            }
            catch (TimeoutException)
            {
                if (exec.Pid > 0) Processes.Signal(exec.Pid, Signals.SIGKILL);
                return new HealthcheckResult
                {
                    Start = start, End = DateTimeOffset.UtcNow, ExitCode = -1,
                    Output = $"Health check exceeded timeout ({GoDuration(timeout)})",
                };
            }
        }
        finally
        {
            lock (execsLock) execs.Remove(exec.Id);
        }
    }

    static TimeSpan Duration(long nanoseconds, TimeSpan fallback) => nanoseconds > 0 ? TimeSpan.FromTicks(nanoseconds / 100) : fallback;

    /// <summary>A duration as Go's time.Duration prints it ("30s", "1.5s", "500ms", "1m30s").</summary>
    internal static string GoDuration(TimeSpan t)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (t < TimeSpan.FromSeconds(1)) return t.TotalMilliseconds.ToString("0.###", inv) + "ms";
        var s = (t.TotalSeconds % 60).ToString("0.#########", inv) + "s";
        int minutes = (int)t.TotalMinutes % 60, hours = (int)t.TotalHours;
        if (hours > 0) return $"{hours}h{minutes}m{s}";
        return minutes > 0 ? $"{minutes}m{s}" : s;
    }

    /// <summary>The first 4 KiB of a probe's output, as Docker keeps it.</summary>
    sealed class ProbeOutput
    {
        readonly System.Text.StringBuilder text = new();
        int bytes;

        public string Text { get { lock (text) return text.ToString(); } }

        public ValueTask WriteAsync(FrameType type, ReadOnlyMemory<byte> data)
        {
            lock (text)
            {
                int take = Math.Min(data.Length, MaxProbeOutput - bytes);
                if (take > 0) text.Append(System.Text.Encoding.UTF8.GetString(data.Span[..take]));
                bytes += take;
            }
            return ValueTask.CompletedTask;
        }
    }
}
