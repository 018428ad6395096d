using System.Net.Http.Headers;
using Cais.Api.Client.Queries;
using Cais.Api.Models.Images;

namespace Cais.Api.Client;

// The image endpoints.
public sealed partial class EngineClient
{
    const string ImageWhat = "image name or ID";

    static ImageJsonContext ImageJson => ImageJsonContext.Default;

    /// <summary><c>GET /images/json</c>.</summary>
    public async Task<IReadOnlyList<ImageSummary>> ListImagesAsync(ImageListOptions? options = null, CancellationToken cancellationToken = default) =>
        await SendApiJsonAsync(HttpMethod.Get, "/images/json", (options ?? new ImageListOptions()).ToQuery(), null,
            ImageJson.ListImageSummary, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /images/{name}/history</c>, newest first.</summary>
    public async Task<IReadOnlyList<ImageHistoryItem>> GetImageHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        await SendApiJsonAsync(HttpMethod.Get, $"/images/{ImagePath(name)}/history", null, null,
            ImageJson.ListImageHistoryItem, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /images/{name}/tag</c>: gives the image a further name.</summary>
    /// <param name="repository">The new name without its tag, e.g. <c>tools/bb</c>.</param>
    /// <param name="tag">The tag; null lets the daemon use <c>latest</c>.</param>
    public Task TagImageAsync(string source, string repository, string? tag, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/images/{ImagePath(source)}/tag",
            new QueryString().Add("repo", repository).Add("tag", tag), null, cancellationToken);

    /// <summary><c>DELETE /images/{name}</c>: what was untagged and deleted, in order.</summary>
    public async Task<IReadOnlyList<ImageDeleteResponseItem>> RemoveImageAsync(string name, bool force = false, bool noPrune = false, CancellationToken cancellationToken = default) =>
        await SendApiJsonAsync(HttpMethod.Delete, $"/images/{ImagePath(name)}",
            new QueryString().AddFlag("force", force).AddFlag("noprune", noPrune), null,
            ImageJson.ListImageDeleteResponseItem, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /images/prune</c>.</summary>
    public Task<ImagePruneResponse> PruneImagesAsync(Filters? filters = null, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Post, "/images/prune", new QueryString().Add("filters", filters), null,
            ImageJson.ImagePruneResponse, cancellationToken);

    /// <summary><c>GET /images/get?names=...</c>: the images as one docker-archive tar stream.</summary>
    public async Task<EngineStream> SaveImagesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
            throw new ArgumentException("save needs at least one image name", nameof(names));
        var query = new QueryString();
        foreach (var name in names)
            query.Add("names", name);
        var response = await SendApiAsync(HttpMethod.Get, "/images/get", query, null, cancellationToken).ConfigureAwait(false);
        return await EngineStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /images/load</c>: sends a docker-archive (or OCI layout) tar and returns the
    /// daemon's progress messages as they come ("Loaded image: ..."). A failure after the
    /// answer started arrives as a message with <see cref="ProgressMessage.Error"/>.
    /// </summary>
    public async Task<ProgressStream> LoadImagesAsync(Stream archive, bool quiet = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var body = new StreamContent(archive, 64 * 1024);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        var response = await SendApiAsync(HttpMethod.Post, "/images/load", new QueryString().AddFlag("quiet", quiet), body, cancellationToken).ConfigureAwait(false);
        return await ProgressStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /images/create?fromSrc=...</c>: a root filesystem tar (the body, or a URL the
    /// daemon downloads) made into a one-layer image; the progress carries the new image's ID.
    /// </summary>
    public async Task<ProgressStream> ImportImageAsync(ImageImportOptions options, Stream? tarball, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpContent? body = null;
        if (tarball is not null)
        {
            body = new StreamContent(tarball, 64 * 1024);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        }
        var response = await SendApiAsync(HttpMethod.Post, "/images/create", options.ToQuery(tarball is not null), body, cancellationToken).ConfigureAwait(false);
        return await ProgressStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An image name as a path: unlike a container, an image name holds '/' (<c>tools/bb:1</c>),
    /// which the daemon's routes take as part of the name, so only the other characters are escaped.
    /// </summary>
    static string ImagePath(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"a {ImageWhat} is required", nameof(name));
        return string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
    }
}
