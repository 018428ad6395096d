namespace Cais.Api.Host;

/// <summary>
/// The daemon's identity for /info's ID: a UUID made once and kept in the data root
/// (Docker keeps its own in /var/lib/docker/engine-id), so it survives restarts.
/// </summary>
internal static class EngineId
{
    public static string LoadOrCreate(string dataRoot)
    {
        var path = Path.Combine(dataRoot, "engine-id");
        try
        {
            var existing = File.ReadAllText(path).Trim();
            if (Guid.TryParse(existing, out _)) return existing;
        }
        catch (FileNotFoundException)
        {
        }
        var id = Guid.NewGuid().ToString();
        // Written beside and renamed: two first starts racing keep one whole id.
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, id + "\n");
        File.Move(temp, path, overwrite: true);
        return File.ReadAllText(path).Trim();
    }
}
