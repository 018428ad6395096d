namespace Cais.Engine.Containers;

/// <summary>
/// The files Docker bind-mounts into every container: /etc/hostname, /etc/hosts and
/// /etc/resolv.conf, written into the container's directory at create.
/// </summary>
public static class ContainerFiles
{
    public static void Write(string dir, string hostname, string networkMode, IReadOnlyList<string>? extraHosts)
    {
        File.WriteAllText(Path.Combine(dir, "hostname"), hostname + "\n");
        File.WriteAllText(Path.Combine(dir, "hosts"), Hosts(networkMode, extraHosts));
        File.WriteAllText(Path.Combine(dir, "resolv.conf"), ResolvConf(networkMode));
    }

    static string Hosts(string networkMode, IReadOnlyList<string>? extraHosts)
    {
        string text;
        if (networkMode == "host" && File.Exists("/etc/hosts"))
        {
            text = File.ReadAllText("/etc/hosts");
            if (!text.EndsWith('\n')) text += "\n";
        }
        else
        {
            text = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
        }
        foreach (var entry in extraHosts ?? [])
        {
            // "name:ip" (Docker also takes "name=ip").
            int sep = entry.IndexOfAny([':', '=']);
            if (sep <= 0) throw new Errors.InvalidParameterException($"invalid argument \"{entry}\" for \"--add-host\" flag: bad format for add-host: \"{entry}\"");
            text += $"{entry[(sep + 1)..]}\t{entry[..sep]}\n";
        }
        return text;
    }

    /// <summary>
    /// The host's resolv.conf without loopback name servers, which cannot answer from inside
    /// the container's network namespace (Docker's rule); with the host's network, as it is.
    /// </summary>
    static string ResolvConf(string networkMode)
    {
        string host = File.Exists("/etc/resolv.conf") ? File.ReadAllText("/etc/resolv.conf") : "";
        if (networkMode == "host") return host;
        var lines = host.Split('\n').Where(l =>
        {
            var parts = l.Trim().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return !(parts is ["nameserver", var ip, ..] && (ip.StartsWith("127.", StringComparison.Ordinal) || ip == "::1"));
        });
        var text = string.Join('\n', lines).TrimEnd('\n') + "\n";
        return text.Trim().Length == 0 ? "" : text;
    }
}
