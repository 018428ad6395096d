using Cais.Api.Http;
using Cais.Engine.Errors;
using Cais.Images;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Api.Handlers;

internal static partial class ImageHandlers
{
    /// <summary>
    /// POST /images/create: with fromSrc, an import of a root filesystem tar (the body when
    /// fromSrc is "-", else a URL to download); with fromImage, a pull.
    /// </summary>
    public static Task Create(ApiContext context)
    {
        var fromImage = context.Query.String("fromImage");
        if (!string.IsNullOrEmpty(fromImage)) return Pull(context, fromImage);
        var fromSrc = context.Query.String("fromSrc");
        if (!string.IsNullOrEmpty(fromSrc)) return Import(context, fromSrc);
        throw new InvalidParameterException("nothing to create: give fromImage (to pull) or fromSrc (to import)");
    }

    static async Task Import(ApiContext context, string source)
    {
        var tag = string.IsNullOrEmpty(context.Query.String("repo"))
            ? null
            : RepoTagReference(context.Query.String("repo"), context.Query.String("tag"), "import");
        CheckPlatform(context.Query.String("platform"));
        var changes = context.Query.All("changes");
        var message = context.Query.String("message");
        ImportResult result;
        if (source == "-")
        {
            context.AllowSynchronousIO();
            result = await ApiContext.RunBlockingAsync(() =>
                context.Engine.ImportImage(context.Http.Request.Body, tag, changes, message, source));
        }
        else if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            using var http = new HttpClient();
            using var download = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, context.Aborted);
            if (!download.IsSuccessStatusCode)
                throw new InvalidParameterException($"import from {source}: the server answered {(int)download.StatusCode} {download.ReasonPhrase}");
            await using var body = await download.Content.ReadAsStreamAsync(context.Aborted);
            result = await ApiContext.RunBlockingAsync(() => context.Engine.ImportImage(body, tag, changes, message, source));
        }
        else
        {
            throw new InvalidParameterException($"fromSrc must be \"-\" (the request body) or an http(s) URL, not \"{source}\"");
        }
        await context.RunProgressAsync(progress => progress.WriteStatusAsync(result.Id.ToString(), context.Aborted));
    }

    /// <summary>An import is made for this host's platform; another one is refused, not mislabelled.</summary>
    static void CheckPlatform(string? platform)
    {
        if (string.IsNullOrEmpty(platform)) return;
        var host = HostPlatform.Current;
        var parts = platform.Split('/');
        bool matches = parts[0] == host.Os && (parts.Length < 2 || parts[1] == host.Architecture)
            && (parts.Length < 3 || parts[2] == (host.Variant ?? ""));
        if (!matches)
            throw new InvalidParameterException($"cannot import for platform {platform}: cais imports images for {host.Os}/{host.Architecture}{(host.Variant is null ? "" : "/" + host.Variant)}");
    }

    /// <summary>
    /// fromImage=NAME&amp;tag=TAG. cais has no registry client yet, so every pull fails, naming the
    /// image. Docker always asks the registry (even for an image it has), so an image that is
    /// present locally is no reason to answer otherwise.
    /// </summary>
    static Task Pull(ApiContext context, string fromImage)
    {
        var named = ImageReference.ParseNamed(fromImage);
        var tag = context.Query.String("tag");
        if (!string.IsNullOrEmpty(tag))
            named = Digest.TryParse(tag, out var digest) ? named.WithDigest(digest) : named.WithTag(tag);
        else if (named.IsNameOnly)
            named = named.WithTag(ImageReference.DefaultTag);
        throw new PullUnavailableException(
            $"pull access to {named.FamiliarString()} failed: no registry is reachable from cais yet (it has no registry client); " +
            $"load the image with \"docker load\" or build it locally");
    }

    /// <summary>A pull that cannot be done: Docker's 500 for an unreachable registry.</summary>
    sealed class PullUnavailableException(string message) : Exception(message);
}
