using Cais.Api.Http;
using Cais.Engine.Errors;

namespace Cais.Api.Handlers;

internal static partial class ImageHandlers
{
    /// <summary>GET /images/{name}/get: one image (or every tag of a repository) as a docker-archive tar.</summary>
    public static Task SaveOne(ApiContext context) => SaveAsync(context, [context.Route("name")]);

    /// <summary>GET /images/get?names=a&amp;names=b: several images in one docker-archive tar.</summary>
    public static Task SaveMany(ApiContext context)
    {
        var names = context.Query.All("names");
        if (names.Count == 0) throw new InvalidParameterException("no images to save: give one or more names= parameters");
        return SaveAsync(context, names);
    }

    /// <summary>
    /// Streams the archive. The writer resolves every name before it writes a byte, so a missing
    /// image is still a 404; a failure after the first byte cuts the connection (the router does),
    /// so a client never keeps half an archive as if it were whole.
    /// </summary>
    static async Task SaveAsync(ApiContext context, IReadOnlyList<string> names)
    {
        var response = context.Http.Response;
        response.ContentType = "application/x-tar";
        context.AllowSynchronousIO();
        await ApiContext.RunBlockingAsync(() =>
        {
            // The tar writer writes 512-byte headers and many small pieces; each write to the
            // response would be a chunk of its own. Not disposed: that would close the response
            // body, and a failure before the first byte must still be able to answer with an error.
            var buffered = new BufferedStream(response.Body, 256 * 1024);
            context.Engine.SaveImages(names, buffered);
            buffered.Flush();
        });
    }

    /// <summary>
    /// POST /images/load: the body is a docker-archive or OCI layout tar; the answer is Docker's
    /// progress stream, one <c>{"stream":"Loaded image: busybox:latest\n"}</c> per image.
    /// </summary>
    public static async Task Load(ApiContext context)
    {
        context.AllowSynchronousIO();
        var report = await ApiContext.RunBlockingAsync(() =>
        {
            try
            {
                return context.Engine.LoadImages(context.Http.Request.Body);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidParameterException("invalid image archive: unexpected EOF (the tar stream ends in the middle of an entry)");
            }
            catch (Exception e) when (e is InvalidDataException or FormatException && !e.Message.StartsWith("image archive", StringComparison.Ordinal))
            {
                // The tar reader's own errors ("Unable to parse number.", or a bare resource key
                // such as "TarInvalidNumber" in cais's trimmed build) do not say what was read.
                throw new InvalidParameterException($"invalid image archive: {(IsResourceKey(e.Message) ? $"archive/tar: invalid tar header ({e.Message.TrimEnd(',', ' ')})" : e.Message)}");
            }
        });
        await context.RunProgressAsync(async progress =>
        {
            foreach (var line in report) await progress.WriteStreamAsync(line + "\n", context.Aborted);
        });
    }

    /// <summary>True for a message that is a resource key ("TarInvalidNumber, ") rather than words.</summary>
    static bool IsResourceKey(string message) => !message.TrimEnd(',', ' ').Contains(' ');
}
