namespace Cais.Linux;

/// <summary>Signal names and numbers (x86_64 and arm64 agree), parsed the way runc and docker accept them.</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12,
        SIGPIPE = 13, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGWINCH = 28;

    static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6,
        ["BUS"] = 7, ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12,
        ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CLD"] = 17,
        ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23,
        ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29,
        ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    /// <summary>"KILL", "SIGKILL", "9", "RTMIN+3" → the number; a FormatException naming the input otherwise.</summary>
    public static int Parse(string text)
    {
        var s = text.Trim();
        if (int.TryParse(s, out int n))
        {
            if (n is > 0 and < 65) return n;
            throw new FormatException($"invalid signal: {text}");
        }
        if (s.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) s = s[3..];
        if (ByName.TryGetValue(s, out n)) return n;
        if (s.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase))
        {
            var rest = s[5..];
            int off = rest.Length == 0 ? 0 : rest[0] == '+' && int.TryParse(rest[1..], out var o) ? o : -1;
            if (off is >= 0 and <= 30) return 34 + off;
        }
        if (s.StartsWith("RTMAX", StringComparison.OrdinalIgnoreCase))
        {
            var rest = s[5..];
            int off = rest.Length == 0 ? 0 : rest[0] == '-' && int.TryParse(rest[1..], out var o) ? o : -1;
            if (off is >= 0 and <= 30) return 64 - off;
        }
        throw new FormatException($"invalid signal: {text}");
    }

    public static string Name(int number)
    {
        foreach (var (k, v) in ByName)
            if (v == number && k is not ("IOT" or "CLD" or "POLL")) return "SIG" + k;
        return number is >= 34 and <= 64 ? $"SIGRTMIN+{number - 34}" : $"signal {number}";
    }
}
