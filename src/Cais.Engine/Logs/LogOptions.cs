using System.Text.RegularExpressions;

namespace Cais.Engine.Logs;

/// <summary>
/// The json-file driver's --log-opt settings, checked as Docker checks them: max-size (no limit
/// by default), max-file (1), compress (refused when true: cais does not compress rotated files
/// yet), and the extra attributes labels, labels-regex, env, env-regex and tag.
/// </summary>
public sealed record LogOptions
{
    public const string DriverName = "json-file";

    public static LogOptions Default { get; } = new();

    /// <summary>The size at which the file is rotated; null: it grows without limit.</summary>
    public long? MaxSize { get; init; }

    /// <summary>How many files to keep, the current one included; 1 truncates (starts afresh) on rotation.</summary>
    public int MaxFile { get; init; } = 1;

    /// <summary>Container labels (by name) copied into every entry's attrs.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public Regex? LabelsRegex { get; init; }

    /// <summary>Environment variables (by name) copied into every entry's attrs.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public Regex? EnvRegex { get; init; }

    /// <summary>The tag template (Docker's {{.Name}}-style); null when not set.</summary>
    public string? Tag { get; init; }

    /// <summary>Checks and reads --log-opt key=value pairs; null or empty gives the defaults.</summary>
    /// <exception cref="InvalidLogArgumentException">An unknown key or a bad value, named in the message.</exception>
    public static LogOptions Parse(IEnumerable<KeyValuePair<string, string>>? options)
    {
        var result = new LogOptions();
        bool compress = false;
        string? compressText = null;
        foreach (var (key, value) in options ?? [])
        {
            switch (key)
            {
                case "max-size":
                    if (!HumanSize.TryParse(value, out long size, out string? error))
                        throw new InvalidLogArgumentException($"invalid max-size '{value}': {error}");
                    if (size <= 0)
                        throw new InvalidLogArgumentException($"invalid max-size '{value}': max-size must be a positive number");
                    result = result with { MaxSize = size };
                    break;
                case "max-file":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int files))
                        throw new InvalidLogArgumentException($"invalid max-file '{value}': not an integer");
                    if (files < 1)
                        throw new InvalidLogArgumentException($"invalid max-file '{value}': max-file cannot be less than 1");
                    result = result with { MaxFile = files };
                    break;
                case "compress":
                    compress = ParseBool(value) ?? throw new InvalidLogArgumentException($"invalid compress '{value}': use true or false");
                    compressText = value;
                    break;
                case "labels":
                    result = result with { Labels = SplitNames(value) };
                    break;
                case "labels-regex":
                    result = result with { LabelsRegex = ParseRegex(key, value) };
                    break;
                case "env":
                    result = result with { Env = SplitNames(value) };
                    break;
                case "env-regex":
                    result = result with { EnvRegex = ParseRegex(key, value) };
                    break;
                case "tag":
                    LogTagTemplate.Validate(value);
                    result = result with { Tag = value };
                    break;
                default:
                    // Docker's own wording (jsonfilelog.ValidateLogOpt), so scripts that match it keep working.
                    throw new InvalidLogArgumentException($"unknown log opt '{key}' for {DriverName} log driver");
            }
        }
        if (compress)
        {
            if (result.MaxFile < 2 || result.MaxSize is null)
                throw new InvalidLogArgumentException("compress cannot be true when max-file is less than 2 or max-size is not set");
            throw new InvalidLogArgumentException($"invalid compress '{compressText}': cais does not compress rotated log files yet; leave compress unset");
        }
        return result;
    }

    /// <summary>
    /// The attrs Docker adds to every entry for this container: the labels and environment
    /// variables the options name or match, and the expanded tag. Empty when none are asked for.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraAttributes(LogContainerInfo container)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Labels)
            if (container.Labels.TryGetValue(name, out var value)) attributes[name] = value;
        if (LabelsRegex is not null)
            foreach (var (name, value) in container.Labels)
                if (LabelsRegex.IsMatch(name)) attributes[name] = value;
        if (Env.Count > 0 || EnvRegex is not null)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in container.Env)
            {
                int eq = entry.IndexOf('=');
                if (eq >= 0) environment[entry[..eq]] = entry[(eq + 1)..];
            }
            foreach (var name in Env)
                if (environment.TryGetValue(name, out var value)) attributes[name] = value;
            if (EnvRegex is not null)
                foreach (var (name, value) in environment)
                    if (EnvRegex.IsMatch(name)) attributes[name] = value;
        }
        if (Tag is not null)
            attributes["tag"] = LogTagTemplate.Expand(Tag, container);
        return attributes;
    }

    static IReadOnlyList<string> SplitNames(string value) =>
        value.Length == 0 ? [] : value.Split(',');

    static Regex ParseRegex(string key, string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new InvalidLogArgumentException($"invalid {key} '{pattern}': {e.Message}");
        }
    }

    // Go's strconv.ParseBool, which Docker uses for compress.
    static bool? ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
