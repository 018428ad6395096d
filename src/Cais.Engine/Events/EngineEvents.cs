using Cais.Api.Models.Events;
using Cais.Engine.Containers;
using Cais.Images;
using Cais.Images.Service;

namespace Cais.Engine.Events;

/// <summary>
/// Where engine operations report what they did, one call per event, in Docker's shape
/// (moby daemon/events.go): a container event's attributes are the container's labels, its
/// image and name, plus what the action adds (exitCode, signal, ...); an image event's are the
/// image's labels and the name the action concerned. Both also carry the legacy
/// status/id/from fields, and every event the scope "local" and the time to the nanosecond.
/// </summary>
public sealed class EngineEvents(ImageStore images)
{
    public EventBus Bus { get; } = new();

    /// <summary>A container event: <c>Events.Container("rename", c, new() { ["oldName"] = old })</c>.</summary>
    public void Container(string action, Container container, IReadOnlyDictionary<string, string>? extra = null)
    {
        var record = container.Record;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
            foreach (var (k, v) in extra) attributes[k] = v;
        // Labels, then image and name, each overriding what came before, as Docker copies them.
        foreach (var (k, v) in record.Config.Labels ?? []) attributes[k] = v;
        if (!string.IsNullOrEmpty(record.Config.Image)) attributes["image"] = record.Config.Image;
        attributes["name"] = record.Name.TrimStart('/');
        Publish("container", action, container.Id, attributes);
    }

    /// <summary>
    /// An image event. <paramref name="imageId"/> is the actor ("sha256:..."; a pull names the
    /// reference instead); <paramref name="name"/> the reference the action concerned (the new tag
    /// of a tag), or the id itself for untag, delete, import, load and save, as Docker names them.
    /// </summary>
    public void Image(string action, string imageId, string? name)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in LabelsOf(imageId)) attributes[k] = v;
        if (!string.IsNullOrEmpty(name)) attributes["name"] = name;
        Publish("image", action, imageId, attributes);
    }

    /// <summary>Any other event (volume, network, daemon, ...): the attributes as given.</summary>
    public void Publish(string type, string action, string actorId, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var now = DateTimeOffset.UtcNow;
        long nanos = EventBus.UnixNanos(now);
        // Docker's attributes come out of a Go map, whose JSON has its keys sorted.
        var sorted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in (attributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal)) sorted[k] = v;
        var message = new EventMessage
        {
            Type = type,
            Action = action,
            Actor = new EventActor { Id = actorId, Attributes = sorted },
            Scope = "local",
            Time = nanos / 1_000_000_000,
            TimeNano = nanos,
        };
        if (type is "container" or "image")
        {
            // Go's omitempty: an empty id or image (a prune's) is left out.
            message.Status = action;
            message.Id = actorId.Length > 0 ? actorId : null;
            if (type == "container") message.From = sorted.GetValueOrDefault("image");
        }
        Bus.Publish(message);
    }

    IReadOnlyDictionary<string, string> LabelsOf(string imageId)
    {
        if (!Digest.TryParse(imageId, out var id)) return new Dictionary<string, string>();
        try
        {
            return images.ConfigOf(id).Config.Config?.Labels ?? new Dictionary<string, string>();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Deleted already (a delete event), or its config unreadable: an event without labels.
            return new Dictionary<string, string>();
        }
    }
}
