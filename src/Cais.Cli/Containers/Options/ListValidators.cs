namespace Cais.Cli.Containers.Options;

/// <summary>Checks docker runs on single values of list flags while parsing, with its messages.</summary>
public static class ListValidators
{
    /// <summary>-a/--attach: stdin, stdout or stderr, any case; kept in lower case.</summary>
    public static string AttachStream(string text)
    {
        var stream = text.ToLowerInvariant();
        return stream is "stdin" or "stdout" or "stderr" ? stream : throw new FormatException("valid streams are STDIN, STDOUT and STDERR");
    }

    /// <summary>--add-host NAME:IP or NAME=IP (IPv6 possibly in brackets), sent as NAME:IP.</summary>
    public static string ExtraHost(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0) separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1) throw new FormatException($"bad format for add-host: \"{text}\"");
        var host = text[..separator];
        var ip = text[(separator + 1)..];
        if (ip.StartsWith('[') && ip.EndsWith(']')) ip = ip[1..^1];
        if (ip != "host-gateway" && !System.Net.IPAddress.TryParse(ip, out _))
            throw new FormatException($"invalid IP address in add-host: \"{ip}\"");
        return $"{host}:{ip}";
    }

    /// <summary>-l/--label KEY[=VALUE]: the key may not be empty.</summary>
    public static string Label(string text)
    {
        if (text.StartsWith('=')) throw new FormatException($"invalid label '{text}': empty name");
        return text;
    }

    /// <summary>--sysctl, --log-opt, --storage-opt, --annotation: KEY=VALUE.</summary>
    public static string KeyValue(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new FormatException($"invalid key-value pair '{text}': expected KEY=VALUE");
        return text;
    }

    /// <summary>--sysctl KEY=VALUE, as docker's ValidateSysctl words its refusal.</summary>
    public static string Sysctl(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new FormatException($"sysctl '{text}' is not allowed");
        return text;
    }

    /// <summary>--device-cgroup-rule TYPE MAJOR:MINOR MODE, e.g. "c 13:* rwm".</summary>
    public static string DeviceCgroupRule(string text)
    {
        var parts = text.Split(' ');
        bool valid = parts.Length == 3 && parts[0] is "a" or "b" or "c"
            && parts[1].Split(':') is [var major, var minor] && IsNumberOrStar(major) && IsNumberOrStar(minor)
            && parts[2].Length is > 0 and <= 3 && parts[2].All(c => c is 'r' or 'w' or 'm');
        return valid ? text : throw new FormatException($"invalid device cgroup format '{text}'");
    }

    static bool IsNumberOrStar(string s) => s == "*" || (s.Length > 0 && s.All(char.IsAsciiDigit));
}
