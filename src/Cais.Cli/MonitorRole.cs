using Cais.Engine.Monitor;

namespace Cais.Cli;

/// <summary>
/// The monitor role (see ContainerMonitor), served by `cais` rather than caisd: one runs beside
/// every container, and a spare boots during every start, so the smaller executable is the one
/// to pay for (it starts in ~20 ms here against caisd's ~35, with half the private memory).
/// </summary>
internal static class MonitorRole
{
    /// <summary>`monitor OPTIONS.json` or `monitor --spare EXEC-ROOT`.</summary>
    public static int Dispatch(string[] args) => args switch
    {
        ["--spare", _] => RunSpare(),
        [var optionsPath] when !optionsPath.StartsWith('-') => Run(optionsPath),
        _ => Usage(),
    };

    /// <summary>Any other `monitor` command line: the role is the daemon's, so the answer is short.</summary>
    public static int Usage()
    {
        Console.Error.WriteLine("cais monitor: started by the daemon for each container (monitor OPTIONS.json | monitor --spare EXEC-ROOT); not a command for users");
        return 1;
    }

    public static int Run(string optionsPath) =>
        ContainerMonitor.Main(optionsPath, o => o.ExecProcessFile is null ? JsonFileContainerLog.Open(o) : new NullContainerLog());

    /// <summary>
    /// `cais monitor --spare EXEC-ROOT`: started ahead by the daemon, already past start-up; waits
    /// for the path of its options on stdin, then is a monitor as any other. EOF (the daemon went
    /// away, or let it go) ends it quietly.
    /// </summary>
    public static int RunSpare()
    {
        ContainerMonitor.WarmUp();
        var path = ReadLine(Console.OpenStandardInput());
        Cais.Runtime.RuntimeTrace.Mark("monitor: options received");
        return string.IsNullOrEmpty(path) ? 0 : Run(path);
    }

    /// <summary>One line, byte by byte: nothing past the newline may be taken from the pipe.</summary>
    static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (input.Read(one) == 1)
        {
            if (one[0] == (byte)'\n') return System.Text.Encoding.UTF8.GetString([.. bytes]);
            bytes.Add(one[0]);
        }
        return null; // EOF before a whole line: released, or the daemon died
    }
}
