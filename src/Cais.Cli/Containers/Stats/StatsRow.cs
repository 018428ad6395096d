using System.Globalization;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Containers.Stats;

/// <summary>One line of `stats` as its --format sees it: docker's statsContext fields, as text.</summary>
public sealed class StatsRow(StatsEntry entry, bool truncate) : ITemplateObject
{
    public const string DefaultTableFormat = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Container"] = "CONTAINER", ["Name"] = "NAME", ["ID"] = "CONTAINER ID", ["CPUPerc"] = "CPU %", ["MemUsage"] = "MEM USAGE / LIMIT",
        ["MemPerc"] = "MEM %", ["NetIO"] = "NET I/O", ["BlockIO"] = "BLOCK I/O", ["PIDs"] = "PIDS",
    };

    static readonly string[] Fields = ["BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage", "Name", "NetIO", "PIDs"];

    public IEnumerable<string> FieldNames => Fields;

    public string TypeName => "*container.statsContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "Container" => entry.Container,
            "Name" => entry.Name.Length > 1 ? entry.Name[1..] : "--",
            "ID" => truncate ? DisplayText.TruncateId(entry.Id) : entry.Id,
            "CPUPerc" => entry.IsInvalid ? "--" : Percentage(entry.CpuPercentage),
            "MemUsage" => entry.IsInvalid ? "-- / --" : $"{HumanUnits.BytesSize(entry.Memory)} / {HumanUnits.BytesSize(entry.MemoryLimit)}",
            "MemPerc" => entry.IsInvalid ? "--" : Percentage(entry.MemoryPercentage),
            "NetIO" => entry.IsInvalid ? "--" : $"{HumanUnits.Size(entry.NetworkRx)} / {HumanUnits.Size(entry.NetworkTx)}",
            "BlockIO" => entry.IsInvalid ? "--" : $"{HumanUnits.Size(entry.BlockRead)} / {HumanUnits.Size(entry.BlockWrite)}",
            "PIDs" => entry.IsInvalid ? "--" : entry.PidsCurrent.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        value = text is null ? default : TemplateValue.FromString(text);
        return text is not null;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        return false;
    }

    /// <summary>Two decimals and a percent sign ("0.35%").</summary>
    public static string Percentage(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
