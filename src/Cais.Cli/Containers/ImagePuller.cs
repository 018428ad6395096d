using System.Text.Json;
using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// Pulls an image through the daemon (<c>POST /images/create?fromImage=&amp;tag=</c>) for run and
/// create, printing the progress messages as docker's plain (non-terminal) output does. An error
/// in the progress stream is raised as the daemon's error.
/// </summary>
public static class ImagePuller
{
    /// <summary>NAME[:TAG|@DIGEST] → (NAME, TAG or DIGEST); the tag defaults to latest.</summary>
    public static (string Name, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) return (image[..at], image[(at + 1)..]);
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    /// <summary>The image as docker names it in "Unable to find image 'busybox:latest' locally".</summary>
    public static string WithTag(string image)
    {
        var (name, tag) = Split(image);
        return tag.StartsWith("sha256:", StringComparison.Ordinal) ? $"{name}@{tag}" : $"{name}:{tag}";
    }

    public static async Task PullAsync(DaemonCli cli, string image, string? platform, bool quiet)
    {
        var (name, tag) = Split(image);
        var query = new List<KeyValuePair<string, string?>> { new("fromImage", name), new("tag", tag), new("platform", NullIfEmpty(platform)) };
        using var response = await cli.Client.SendAsync(HttpMethod.Post, "/images/create", query).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            using var message = JsonDocument.Parse(line);
            var root = message.RootElement;
            if (root.TryGetProperty("error", out var error) || root.TryGetProperty("errorDetail", out error))
                throw new EngineApiException(System.Net.HttpStatusCode.InternalServerError,
                    error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : error.ToString());
            if (quiet || !root.TryGetProperty("status", out var status)) continue;
            var id = root.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
            cli.Error.WriteLine(string.IsNullOrEmpty(id) ? status.GetString() : $"{id}: {status.GetString()}");
        }
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
