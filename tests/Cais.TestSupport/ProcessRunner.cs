using System.Diagnostics;
using System.Text;

namespace Cais.TestSupport;

/// <summary>How a process ended and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The command line, for messages; not part of equality.</summary>
    public string Command { get; init; } = "";

    public bool Equals(ProcessResult? other) =>
        other is not null && (ExitCode, Stdout, Stderr) == (other.ExitCode, other.Stdout, other.Stderr);

    public override int GetHashCode() => HashCode.Combine(ExitCode, Stdout, Stderr);

    /// <summary>Returns this result when the exit code is 0, else throws with the output.</summary>
    public ProcessResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{Command}` exited {ExitCode}\n{Describe()}");

    public string Describe() => $"stdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs a program to completion with captured output, optional stdin and a timeout.</summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    // After the process exits, how long its output pipes may stay open: a grandchild that
    // inherited them (a leaked monitor, say) must not hang the test.
    static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> (no shell), writes
    /// <paramref name="stdin"/> (then closes stdin; with null, stdin is empty), and waits.
    /// On timeout the whole process tree is killed and a <see cref="TimeoutException"/> carries
    /// the output so far. <paramref name="environment"/> entries are added to the inherited
    /// environment (a null value removes the variable).
    /// </summary>
    public static ProcessResult Run(
        string file, IReadOnlyList<string> args, string? stdin = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                    info.Environment.Remove(name);
                else
                    info.Environment[name] = value;
            }
        }

        var command = string.Join(' ', [file, .. args]);
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = new Pump(process.StandardOutput);
        var stderr = new Pump(process.StandardError);
        var writer = Task.Run(() => WriteInput(process.StandardInput, stdin));

        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }
            process.WaitForExit(DrainGrace);
            throw new TimeoutException(
                $"`{command}` did not finish within {limit.TotalSeconds:0.#} s; killed.\n"
                + $"stdout:\n{stdout.Text}\nstderr:\n{stderr.Text}");
        }

        Task.WaitAll([stdout.Completion, stderr.Completion, writer], DrainGrace);
        return new ProcessResult(process.ExitCode, stdout.Text, stderr.Text) { Command = command };
    }

    static void WriteInput(StreamWriter input, string? text)
    {
        try
        {
            if (text is not null)
                input.Write(text);
            input.Close();
        }
        catch (IOException)
        {
            // The process exited without reading all of its input.
        }
    }

    // Reads a stream to its end in the background; Text is whatever has arrived so far.
    sealed class Pump
    {
        readonly StringBuilder _text = new();

        public Pump(StreamReader reader) => Completion = Task.Run(() => ReadAll(reader));

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (_text)
                    return _text.ToString();
            }
        }

        async Task ReadAll(StreamReader reader)
        {
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_text)
                    _text.Append(buffer, 0, read);
            }
        }
    }
}
