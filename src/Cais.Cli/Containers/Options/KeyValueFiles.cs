using System.Text;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --env-file and --label-file: one VAR=value per line; blank lines and lines starting with '#'
/// are skipped, leading white space is ignored, the value is everything after the first '='
/// (quotes included, as docker keeps them). In an env file a bare VAR takes its value from the
/// client's environment, as -e VAR does.
/// </summary>
public static class KeyValueFiles
{
    /// <summary>The files' entries in order, then the command line's, as the container's Env.</summary>
    public static List<string> ReadEnv(IEnumerable<string> files, IEnumerable<string> overrides, Func<string, string?> lookup)
    {
        var entries = new List<string>();
        foreach (var file in files) entries.AddRange(ReadFile(file, lookup));
        entries.AddRange(overrides);
        return entries;
    }

    /// <summary>The label files' entries in order, then the command line's.</summary>
    public static List<string> ReadLabels(IEnumerable<string> files, IEnumerable<string> overrides)
    {
        var entries = new List<string>();
        foreach (var file in files) entries.AddRange(ReadFile(file, lookup: null));
        entries.AddRange(overrides);
        return entries;
    }

    /// <summary>Parses one file; a bare name is looked up with <paramref name="lookup"/> (null keeps it bare).</summary>
    public static List<string> ReadFile(string path, Func<string, string?>? lookup)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOptionException($"open {path}: {Describe(e)}");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidOptionException($"env file {path} contains invalid utf8 bytes");
        }
        return Parse(text, lookup);
    }

    public static List<string> Parse(string text, Func<string, string?>? lookup)
    {
        var entries = new List<string>();
        if (text.StartsWith('\uFEFF')) text = text[1..];
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] == '#') continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? line : line[..equals];
            if (name.Length == 0) throw new InvalidOptionException($"no variable name on line '{line}'");
            if (name.Any(char.IsWhiteSpace))
                throw new InvalidOptionException($"variable '{name}' contains whitespaces");
            if (equals >= 0) entries.Add(line);
            else if (lookup is not null && lookup(name) is { } value) entries.Add($"{name}={value}");
            else entries.Add(name);
        }
        return entries;
    }

    /// <summary>-e VAR=value as given; -e VAR takes the client's value, or stays bare (unset in the container) when it has none.</summary>
    public static string ValidateEnv(string text, Func<string, string?> lookup)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals == 0) throw new FormatException($"invalid environment variable: {text}");
        if (equals > 0) return text;
        return lookup(text) is { } value ? $"{text}={value}" : text;
    }

    /// <summary>"k=v" entries as a map; a bare "k" maps to "" (labels) and the last value of a key wins.</summary>
    public static Dictionary<string, string> ToMap(IEnumerable<string> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) map[entry] = "";
            else map[entry[..equals]] = entry[(equals + 1)..];
        }
        return map;
    }

    static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
