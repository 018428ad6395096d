using System.Text;

namespace Cais.Engine.Logs;

/// <summary>
/// The tag log option: text with Docker's container fields in Go-template braces, e.g.
/// "{{.Name}}/{{.ID}}". cais expands the fields Docker documents for tags (ID, FullID, Name,
/// ImageID, ImageFullID, ImageName, DaemonName); other template actions (functions,
/// pipelines) are refused with a clear error rather than printed half-understood.
/// </summary>
static class LogTagTemplate
{
    static readonly string[] Fields = ["ID", "FullID", "Name", "ImageID", "ImageFullID", "ImageName", "DaemonName"];

    public static void Validate(string template) => Render(template, container: null);

    public static string Expand(string template, LogContainerInfo container) => Render(template, container);

    static string Render(string template, LogContainerInfo? container)
    {
        var result = new StringBuilder(template.Length + 32);
        int at = 0;
        while (at < template.Length)
        {
            int open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(template, at, template.Length - at);
                break;
            }
            result.Append(template, at, open - at);
            int close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
                throw new InvalidLogArgumentException($"invalid tag '{template}': '{{{{' without a closing '}}}}'");
            var action = template.AsSpan(open + 2, close - open - 2).Trim();
            if (!action.StartsWith(".") || Array.IndexOf(Fields, action[1..].ToString()) < 0)
                throw new InvalidLogArgumentException(
                    $"invalid tag '{template}': '{{{{{action}}}}}' is not supported; use {string.Join(", ", Fields.Select(f => "{{." + f + "}}"))}");
            if (container is not null) result.Append(Field(action[1..].ToString(), container));
            at = close + 2;
        }
        return result.ToString();
    }

    // As Docker's logger.Info methods: short ids are the first 12 characters.
    static string Field(string name, LogContainerInfo c) => name switch
    {
        "ID" => Short(c.Id),
        "FullID" => c.Id,
        "Name" => c.Name.StartsWith('/') ? c.Name[1..] : c.Name,
        "ImageID" => Short(c.ImageId),
        "ImageFullID" => c.ImageId,
        "ImageName" => c.ImageName,
        _ => c.DaemonName,
    };

    static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
