using Cais.Api.Models.Events;
using Cais.Engine.Errors;
using Cais.Images.References;

namespace Cais.Engine.Events;

/// <summary>
/// The <c>filters</c> of <c>GET /events</c>, with Docker's rules (moby daemon/events/filter.go):
/// values of one key are alternatives, keys all have to match. <c>event</c> and <c>type</c>
/// match exactly (an <c>event</c> of exec_create, exec_start or health_status also matches
/// "exec_start: sh ..." by prefix); <c>container</c>, <c>volume</c>, <c>network</c>,
/// <c>daemon</c>, ... match the actor's ID or its <c>name</c> attribute, whole or by prefix,
/// whatever the event's type (so <c>container=x</c> leaves out image events); <c>image</c>
/// matches an image event's ID or name, or a container event's image, each also without its
/// tag; <c>label</c> (key or key=value, all of them) matches the actor's attributes.
/// </summary>
public sealed class EventFilter
{
    /// <summary>The keys Docker's events endpoint filters on.</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume"];

    /// <summary>The keys matched against the actor's ID or name.</summary>
    static readonly string[] ByName = ["config", "container", "daemon", "network", "node", "plugin", "secret", "service", "volume"];

    /// <summary>Event filters that also match an action with a suffix ("exec_start: sh").</summary>
    static readonly string[] PrefixActions = ["exec_create", "exec_start", "health_status"];

    readonly Dictionary<string, HashSet<string>> values;

    /// <summary>No filter: every event.</summary>
    public static EventFilter None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <exception cref="InvalidParameterException">A key that is not one of <see cref="Keys"/>.</exception>
    public EventFilter(IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        values = new(StringComparer.Ordinal);
        foreach (var (key, list) in filters)
        {
            if (!Keys.Contains(key)) throw new InvalidParameterException($"invalid filter '{key}'");
            if (list.Count > 0) values[key] = [.. list];
        }
    }

    public bool Include(EventMessage e)
    {
        var attributes = e.Actor.Attributes;
        if (!MatchesAction(e.Action)) return false;
        if (!Exact("type", e.Type)) return false;
        if (!Exact("scope", e.Scope ?? "")) return false;
        var name = attributes?.GetValueOrDefault("name");
        foreach (var key in ByName)
            if (!Fuzzy(key, e.Actor.Id) && !Fuzzy(key, name)) return false;
        return MatchesImage(e) && MatchesLabels(attributes);
    }

    bool MatchesAction(string action)
    {
        if (!values.TryGetValue("event", out var wanted)) return true;
        if (wanted.Contains(action)) return true;
        if (!wanted.Overlaps(PrefixActions)) return false;
        return wanted.Any(w => action.StartsWith(w, StringComparison.Ordinal));
    }

    bool MatchesImage(EventMessage e)
    {
        if (!values.ContainsKey("image")) return true;
        var name = e.Actor.Attributes?.GetValueOrDefault(e.Type == "image" ? "name" : "image");
        return Exact("image", e.Actor.Id) || Exact("image", name)
            || Exact("image", WithoutTag(e.Actor.Id)) || Exact("image", WithoutTag(name));
    }

    bool MatchesLabels(Dictionary<string, string>? attributes)
    {
        if (!values.TryGetValue("label", out var wanted)) return true;
        if (attributes is null || attributes.Count == 0) return false;
        foreach (var label in wanted)
        {
            int eq = label.IndexOf('=');
            var key = eq < 0 ? label : label[..eq];
            if (!attributes.TryGetValue(key, out var value)) return false;
            if (eq >= 0 && value != label[(eq + 1)..]) return false;
        }
        return true;
    }

    /// <summary>Docker's ExactMatch: true when the key is not filtered on.</summary>
    bool Exact(string key, string? value) =>
        !values.TryGetValue(key, out var wanted) || (value is not null && wanted.Contains(value));

    /// <summary>Docker's FuzzyMatch: exact, or a filter value that is a prefix of <paramref name="value"/>.</summary>
    bool Fuzzy(string key, string? value)
    {
        if (!values.TryGetValue(key, out var wanted)) return true;
        if (value is null) return false;
        return wanted.Contains(value) || wanted.Any(w => value.StartsWith(w, StringComparison.Ordinal));
    }

    /// <summary>"busybox:latest" → "busybox", "docker.io/library/busybox" → "busybox"; ids and unparsable names as they are.</summary>
    static string? WithoutTag(string? image)
    {
        if (image is null || image.StartsWith("sha256:", StringComparison.Ordinal)) return image;
        return ImageReference.TryParse(image, out var reference) ? reference.FamiliarName : image;
    }
}
