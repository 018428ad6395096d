using Cais.Api.Client;

namespace Cais.Cli.Containers;

/// <summary>
/// Finds what `inspect` names: an object of the given type, or with no type the first of a
/// container, an image, a network or a volume by that name or ID, as docker looks in that order.
/// Returns the daemon's raw JSON, or an error message worded as docker words it.
/// </summary>
public static class InspectLookup
{
    public static readonly string[] Types = ["container", "image", "network", "volume"];

    public static async Task<(byte[]? Json, string? Error)> FindAsync(EngineClient client, string name, string? type, bool size)
    {
        if (type is not null)
        {
            try
            {
                return (await FetchAsync(client, name, type, size), null);
            }
            catch (EngineApiException e)
            {
                return (null, $"Error response from daemon: {e.Message}");
            }
        }
        foreach (var candidate in Types)
        {
            try
            {
                return (await FetchAsync(client, name, candidate, size), null);
            }
            catch (EngineApiException e) when (e.IsNotFound)
            {
                // Not a container by that name: maybe an image, a network, a volume.
            }
            catch (EngineApiException e) when (candidate is "network" or "volume" && (int)e.StatusCode is 400 or 405 or 501)
            {
                // A daemon without networks or volumes yet has no such object either.
            }
        }
        return (null, $"Error: No such object: {name}");
    }

    static Task<byte[]> FetchAsync(EngineClient client, string name, string type, bool size) => type switch
    {
        "container" => client.InspectContainerRawAsync(name, size),
        "image" => client.InspectImageRawAsync(name),
        "network" => client.InspectNetworkRawAsync(name),
        "volume" => client.InspectVolumeRawAsync(name),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an object type inspect knows"),
    };
}
