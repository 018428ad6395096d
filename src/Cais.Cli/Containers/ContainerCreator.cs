using Cais.Api.Client;
using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// The create step of `cais create` and `cais run`: the --cidfile guard, --pull always|missing|never,
/// and, when the image is missing locally, docker's "Unable to find image 'X' locally", a pull and
/// a second try. Warnings of the daemon go to stderr as "WARNING: ...".
/// </summary>
public static class ContainerCreator
{
    public static async Task<string> CreateAsync(DaemonCli cli, ContainerCreateRequest request, string? name, string? platform,
        string pull, bool quiet, string? cidFile)
    {
        if (pull is not ("missing" or "always" or "never"))
            throw new InvalidOptionException($"invalid pull option: '{pull}': must be one of \"always\", \"missing\" or \"never\"");
        using var idFile = cidFile is { Length: > 0 } ? ContainerIdFile.Claim(cidFile) : null;
        name = string.IsNullOrEmpty(name) ? null : name;
        platform = string.IsNullOrEmpty(platform) ? null : platform;
        if (pull == "always") await ImagePuller.PullAsync(cli, request.Image, platform, quiet).ConfigureAwait(false);
        ContainerCreateResponse created;
        try
        {
            created = await cli.Client.CreateContainerAsync(request, name, platform).ConfigureAwait(false);
        }
        catch (EngineApiException e) when (e.IsNotFound && pull == "missing" && e.Message.StartsWith("No such image", StringComparison.Ordinal))
        {
            cli.Error.WriteLine($"Unable to find image '{ImagePuller.WithTag(request.Image)}' locally");
            await ImagePuller.PullAsync(cli, request.Image, platform, quiet).ConfigureAwait(false);
            created = await cli.Client.CreateContainerAsync(request, name, platform).ConfigureAwait(false);
        }
        foreach (var warning in created.Warnings) cli.Error.WriteLine($"WARNING: {warning}");
        idFile?.Write(created.Id);
        return created.Id;
    }

    /// <summary>
    /// --cidfile: refused when the file exists (another container may own it), created empty
    /// before the create and removed again when no ID was written into it.
    /// </summary>
    sealed class ContainerIdFile : IDisposable
    {
        readonly string path;
        bool written;

        ContainerIdFile(string path) => this.path = path;

        public static ContainerIdFile Claim(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new InvalidOptionException($"container ID file found, make sure the other container isn't running or delete {path}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOptionException($"failed to create the container ID file: {e.Message}");
            }
            return new ContainerIdFile(path);
        }

        public void Write(string id)
        {
            File.WriteAllText(path, id);
            written = true;
        }

        public void Dispose()
        {
            if (!written) File.Delete(path);
        }
    }
}
