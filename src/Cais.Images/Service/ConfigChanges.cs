using System.Text;
using System.Text.Json;
using Cais.Images.Model;

namespace Cais.Images.Service;

/// <summary>
/// The `-c`/`--change` instructions of `docker import` and `docker commit`: a subset of
/// Dockerfile instructions applied to an image's container config. Exec form (a JSON array)
/// and shell form (wrapped in /bin/sh -c) work as in a Dockerfile.
/// </summary>
public static class ConfigChanges
{
    static readonly string[] Allowed = ["CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR"];

    public static ContainerConfig Apply(ContainerConfig? config, IEnumerable<string> changes)
    {
        var c = config ?? new ContainerConfig();
        foreach (var change in changes)
        {
            var text = change.Trim();
            int space = text.IndexOfAny([' ', '\t']);
            var instruction = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : text[(space + 1)..].Trim();
            if (!Allowed.Contains(instruction))
                throw new FormatException($"dockerfile parse error: {(space < 0 ? text : text[..space])} is not a valid change command");
            c = instruction switch
            {
                "CMD" => c with { Cmd = Command(rest, instruction) },
                "ENTRYPOINT" => c with { Entrypoint = Command(rest, instruction) },
                "ENV" => c with { Env = MergeEnv(c.Env, KeyValues(rest, instruction, allowLegacy: true)) },
                "LABEL" => c with { Labels = Merge(c.Labels, KeyValues(rest, instruction, allowLegacy: false)) },
                "EXPOSE" => c with { ExposedPorts = MergeSet(c.ExposedPorts, Words(rest).SelectMany(Ports)) },
                "VOLUME" => c with { Volumes = MergeSet(c.Volumes, List(rest, instruction)) },
                "USER" => c with { User = Required(rest, instruction) },
                "WORKDIR" => c with { WorkingDir = Workdir(c.WorkingDir, Required(rest, instruction)) },
                "ONBUILD" => c with { OnBuild = [.. c.OnBuild ?? [], Required(rest, instruction)] },
                _ => c,
            };
        }
        return c;
    }

    static string Required(string value, string instruction) =>
        value.Length > 0 ? value : throw new FormatException($"{instruction} requires an argument");

    /// <summary>Exec form ["a","b"] as is; shell form wrapped in /bin/sh -c.</summary>
    static List<string> Command(string rest, string instruction)
    {
        if (rest.StartsWith('[') && TryJsonArray(rest) is { } exec) return exec;
        return ["/bin/sh", "-c", Required(rest, instruction)];
    }

    static List<string> List(string rest, string instruction) =>
        rest.StartsWith('[') && TryJsonArray(rest) is { } list ? list : [.. Words(Required(rest, instruction))];

    static List<string>? TryJsonArray(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return null;
            var list = new List<string>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String) return null;
                list.Add(e.GetString()!);
            }
            return list;
        }
        catch (JsonException)
        {
            return null; // not JSON: the shell form, as Dockerfile parsers treat it
        }
    }

    /// <summary>k=v pairs (quotes allowed), or the legacy "ENV key value with spaces".</summary>
    static List<(string Key, string Value)> KeyValues(string rest, string instruction, bool allowLegacy)
    {
        var words = Words(Required(rest, instruction));
        if (!words[0].Contains('='))
        {
            if (!allowLegacy) throw new FormatException($"{instruction} requires key=value pairs");
            var key = words[0];
            var value = rest[(rest.IndexOf(key, StringComparison.Ordinal) + key.Length)..].Trim();
            return [(key, Unquote(value))];
        }
        var pairs = new List<(string, string)>();
        foreach (var w in words)
        {
            int eq = w.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{instruction}: \"{w}\" is not key=value");
            pairs.Add((w[..eq], w[(eq + 1)..]));
        }
        return pairs;
    }

    static string Unquote(string s) => Words(s) is [var only] ? only : s;

    /// <summary>Splits like a Dockerfile: whitespace separates, quotes group, backslash escapes.</summary>
    static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quote != '\0')
            {
                if (ch == quote) { quote = '\0'; continue; }
                if (ch == '\\' && quote == '"' && i + 1 < text.Length) { current.Append(text[++i]); continue; }
                current.Append(ch);
                continue;
            }
            if (ch is '"' or '\'') { quote = ch; inWord = true; continue; }
            if (ch == '\\' && i + 1 < text.Length) { current.Append(text[++i]); inWord = true; continue; }
            if (char.IsWhiteSpace(ch))
            {
                if (inWord) { words.Add(current.ToString()); current.Clear(); inWord = false; }
                continue;
            }
            current.Append(ch);
            inWord = true;
        }
        if (quote != '\0') throw new FormatException($"unterminated quote in \"{text}\"");
        if (inWord) words.Add(current.ToString());
        return words;
    }

    /// <summary>"80", "80/tcp", "53/udp", "8000-8002" → "80/tcp", ...</summary>
    static IEnumerable<string> Ports(string spec)
    {
        var parts = spec.Split('/');
        var proto = parts.Length > 1 ? parts[1].ToLowerInvariant() : "tcp";
        if (proto is not ("tcp" or "udp" or "sctp")) throw new FormatException($"invalid proto: {proto}");
        var range = parts[0].Split('-');
        if (!int.TryParse(range[0], out var first) || first is < 0 or > 65535)
            throw new FormatException($"invalid containerPort: {parts[0]}");
        int last = first;
        if (range.Length > 1 && (!int.TryParse(range[1], out last) || last < first || last > 65535))
            throw new FormatException($"invalid range format for --expose: {parts[0]}");
        for (int p = first; p <= last; p++) yield return $"{p}/{proto}";
    }

    static List<string> MergeEnv(IReadOnlyList<string>? env, List<(string Key, string Value)> changes)
    {
        var list = new List<string>(env ?? []);
        foreach (var (k, v) in changes)
        {
            int i = list.FindIndex(e => e == k || e.StartsWith(k + "=", StringComparison.Ordinal));
            if (i >= 0) list[i] = $"{k}={v}"; else list.Add($"{k}={v}");
        }
        return list;
    }

    static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? labels, List<(string Key, string Value)> changes)
    {
        var d = new Dictionary<string, string>(labels ?? new Dictionary<string, string>());
        foreach (var (k, v) in changes) d[k] = v;
        return d;
    }

    static Dictionary<string, EmptyObject> MergeSet(IReadOnlyDictionary<string, EmptyObject>? set, IEnumerable<string> keys)
    {
        var d = new Dictionary<string, EmptyObject>(set ?? new Dictionary<string, EmptyObject>());
        foreach (var k in keys) d[k] = new EmptyObject();
        return d;
    }

    static string Workdir(string? current, string value) =>
        value.StartsWith('/') ? value : "/" + Path.Combine((current ?? "/").TrimStart('/'), value).TrimEnd('/');
}
