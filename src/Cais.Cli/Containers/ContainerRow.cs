using Cais.Api.Models.Containers;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.Images.References;

namespace Cais.Cli.Containers;

/// <summary>
/// One container as `ps --format` sees it, with the fields and the Label method of docker's
/// ContainerContext, computed the way docker computes them. Truncated rows (the default) show
/// short IDs, one name, short commands and mount names; --no-trunc shows everything.
/// </summary>
public sealed class ContainerRow(ContainerSummary container, bool truncate, DateTimeOffset now) : ITemplateObject
{
    /// <summary>The fields a ps row has, as {{json .}} writes them.</summary>
    public static readonly string[] Fields =
        ["Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Names", "Networks", "Platform", "Ports", "RunningFor", "Size", "State", "Status"];

    /// <summary>Column headers of the ps table, by field.</summary>
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "CONTAINER ID", ["Names"] = "NAMES", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED", ["Ports"] = "PORTS", ["State"] = "STATE", ["Status"] = "STATUS", ["Size"] = "SIZE",
        ["Labels"] = "LABELS", ["Mounts"] = "MOUNTS", ["LocalVolumes"] = "LOCAL VOLUMES", ["Networks"] = "NETWORKS", ["Platform"] = "PLATFORM",
    };

    public const string DefaultTableFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    /// <summary>Field names a template asked for; ps asks the daemon for sizes only when SIZE is used.</summary>
    public HashSet<string> FieldsUsed { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> FieldNames => Fields;

    public string TypeName => "*formatter.ContainerContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        FieldsUsed.Add(name);
        if (name == "Platform")
        {
            // docker's Platform is a pointer to the image's platform, nil unless the daemon says (API 1.46+ manifests).
            value = TemplateValue.Nil;
            return true;
        }
        string? text = name switch
        {
            "ID" => Id,
            "Names" => Names,
            "Image" => Image,
            "Command" => Command,
            "CreatedAt" => GoTime.UnixString(container.Created),
            "RunningFor" => HumanUnits.Ago(DateTimeOffset.FromUnixTimeSeconds(container.Created).UtcDateTime, now.UtcDateTime),
            "Ports" => PortsText.Of(container.Ports),
            "State" => container.State,
            "Status" => container.Status,
            "Size" => Size,
            "Labels" => Labels,
            "Mounts" => Mounts,
            "LocalVolumes" => container.Mounts.Count(m => m.Driver == "local").ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Networks" => Networks,
            _ => null,
        };
        value = text is null ? default : TemplateValue.FromString(text);
        return text is not null;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        if (name != "Label") return false;
        FieldsUsed.Add(name);
        if (args.Count != 1) throw new TemplateCallException($"wrong number of args for Label: want 1 got {args.Count}");
        if (args[0].Kind != TemplateValueKind.String) throw new TemplateCallException($"wrong type for value; expected string; got {args[0].GoTypeName}");
        result = TemplateValue.FromString(container.Labels.TryGetValue(args[0].AsString, out var v) ? v : "");
        return true;
    }

    string Id => truncate ? DisplayText.TruncateId(container.Id) : container.Id;

    /// <summary>Names without their slash; truncated, only the first that is not a legacy link ("/app/db").</summary>
    string Names
    {
        get
        {
            var names = container.Names.Select(n => n.StartsWith('/') ? n[1..] : n);
            if (!truncate) return string.Join(',', names);
            return names.FirstOrDefault(n => !n.Contains('/', StringComparison.Ordinal)) ?? "";
        }
    }

    /// <summary>The image as named at creation; truncated, in its familiar form without a digest.</summary>
    string Image
    {
        get
        {
            var image = container.Image;
            if (image.Length == 0) return "<no image>";
            if (!truncate) return image;
            var shortId = DisplayText.TruncateId(container.ImageID);
            if (shortId == DisplayText.TruncateId(image)) return shortId;
            ImageReference reference;
            try
            {
                reference = ImageReference.ParseNamed(image);
            }
            catch (InvalidReferenceException)
            {
                return image;
            }
            if (reference.Digest is not null)
                reference = reference.Tag is { } tag ? reference.WithoutTagOrDigest().WithTag(tag) : reference.WithoutTagOrDigest();
            return reference.FamiliarString();
        }
    }

    /// <summary>Go-quoted; truncated to 20 columns first.</summary>
    string Command => GoQuote.Quote(truncate ? DisplayText.Ellipsis(container.Command, 20) : container.Command);

    /// <summary>"2B (virtual 21.5MB)", or only the writable size when the root size is unknown.</summary>
    string Size
    {
        get
        {
            var writable = HumanUnits.Size(container.SizeRw);
            return container.SizeRootFs > 0 ? $"{writable} (virtual {HumanUnits.Size(container.SizeRootFs)})" : writable;
        }
    }

    string Labels => string.Join(',', container.Labels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));

    string Mounts => string.Join(',', container.Mounts.Select(m =>
    {
        var name = string.IsNullOrEmpty(m.Name) ? m.Source : m.Name;
        return truncate ? DisplayText.Ellipsis(name, 15) : name;
    }));

    string Networks => container.NetworkSettings?.Networks is { } networks ? string.Join(',', networks.Keys.Order(StringComparer.Ordinal)) : "";
}
