using System.Text.Json;

namespace Cais.Runtime.Spec;

/// <summary>Reads config.json and process.json files, turning malformed input into a clear error.</summary>
public static class SpecLoader
{
    public static RuntimeSpec LoadBundle(string bundle) => LoadBundle(bundle, out _);

    /// <summary>Reads a bundle's config.json; <paramref name="text"/> is the document as read.</summary>
    public static RuntimeSpec LoadBundle(string bundle, out string text)
    {
        var path = Path.Combine(bundle, "config.json");
        if (!File.Exists(path))
            throw new InvalidSpecException($"{path}: no such file (a bundle holds config.json and a root filesystem)");
        text = File.ReadAllText(path);
        return Parse(text, path);
    }

    public static RuntimeSpec Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SpecJsonContext.Default.RuntimeSpec)
                ?? throw new InvalidSpecException($"{source}: the document is null");
        }
        catch (JsonException e)
        {
            throw new InvalidSpecException($"{source}: malformed JSON: {e.Message}");
        }
    }

    public static ProcessSpec ParseProcess(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SpecJsonContext.Default.ProcessSpec)
                ?? throw new InvalidSpecException($"{source}: the document is null");
        }
        catch (JsonException e)
        {
            throw new InvalidSpecException($"{source}: malformed JSON: {e.Message}");
        }
    }

    public static string Serialize(RuntimeSpec spec) => JsonSerializer.Serialize(spec, SpecJsonContext.Default.RuntimeSpec);

    public static string SerializeProcess(ProcessSpec process) => JsonSerializer.Serialize(process, SpecJsonContext.Default.ProcessSpec);
}

/// <summary>config.json is malformed or asks for something invalid; the message names the field.</summary>
public sealed class InvalidSpecException(string message) : Exception(message);
