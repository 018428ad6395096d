using System.Text.Json;
using Cais.Engine.Errors;

namespace Cais.Daemon;

/// <summary>
/// daemon.json (dockerd's format and key names): a JSON object of settings. A key the daemon does
/// not know, a value of the wrong type, or a key also given as a flag is an error naming the key,
/// as dockerd's are; the daemon does not start half-configured.
/// </summary>
internal sealed class DaemonConfigFile
{
    readonly Dictionary<string, JsonElement> values;

    DaemonConfigFile(string path, Dictionary<string, JsonElement> values)
    {
        Path = path;
        this.values = values;
    }

    public string Path { get; }

    public IReadOnlyCollection<string> Keys => values.Keys;

    /// <summary>
    /// Reads the file; null when it is the default file and does not exist (an explicitly named
    /// file must exist).
    /// </summary>
    public static DaemonConfigFile? Load(string path, bool isDefault, IReadOnlyCollection<string> knownKeys)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException) when (isDefault)
        {
            return null;
        }
        catch (DirectoryNotFoundException) when (isDefault)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidParameterException($"unable to configure the cais daemon with file {path}: {e.Message}");
        }
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (text.Trim().Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidParameterException($"unable to configure the cais daemon with file {path}: the file must hold a JSON object");
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (values.ContainsKey(property.Name))
                        throw new InvalidParameterException($"unable to configure the cais daemon with file {path}: \"{property.Name}\" is given twice");
                    values[property.Name] = property.Value.Clone();
                }
            }
            catch (JsonException e)
            {
                throw new InvalidParameterException($"unable to configure the cais daemon with file {path}: {e.Message}");
            }
        }
        var unknown = values.Keys.Where(k => !knownKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidParameterException(
                $"unable to configure the cais daemon with file {path}: the following directives don't match any configuration option: {string.Join(", ", unknown)}");
        return new DaemonConfigFile(path, values);
    }

    public bool Has(string key) => values.ContainsKey(key);

    public string? String(string key)
    {
        if (!values.TryGetValue(key, out var value)) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(key, "a string");
    }

    public bool? Bool(string key)
    {
        if (!values.TryGetValue(key, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(key, "true or false"),
        };
    }

    public IReadOnlyList<string>? Strings(string key)
    {
        if (!values.TryGetValue(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(key, "an array of strings");
        return [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw WrongType(key, "an array of strings"))];
    }

    /// <summary>A value as dockerd prints it in a conflict message.</summary>
    public string Describe(string key) => values[key].ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(' ', values[key].EnumerateArray().Select(v => v.ToString())) + "]",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => values[key].ToString(),
    };

    InvalidParameterException WrongType(string key, string expected) =>
        new($"unable to configure the cais daemon with file {Path}: \"{key}\" must be {expected}");
}
