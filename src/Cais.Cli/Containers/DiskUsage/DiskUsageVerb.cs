using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.Cli.Images;
using Cais.CommandLine;
using Cais.Images.References;

namespace Cais.Cli.Containers.DiskUsage;

/// <summary>`cais system df [-v]`: the space images, containers, volumes and build cache take, and what could be reclaimed.</summary>
public static class DiskUsageVerb
{
    const string ImagesTableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    const string ContainersTableFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command = "system df")
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "Show docker disk usage", ArgumentCount.None);
        var f = new FlagSet(command);
        var format = f.String("format", null, "", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var verbose = f.Bool("verbose", 'v', "Show detailed information on space usage");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            using var document = await cli.Client.GetDiskUsageAsync();
            var report = DiskUsageReport.From(document.RootElement);
            var chosen = format.Value.Length == 0 ? "table" : format.Value;
            if (!verbose.Value)
            {
                var rows = DiskUsageRow.Summarise(report).Select(r => TemplateValue.FromObject(r));
                FormatRenderer.Render(cli.Out, chosen, rows, DiskUsageRow.Headers, DiskUsageRow.DefaultTableFormat);
                return 0;
            }
            var now = DateTimeOffset.UtcNow;
            bool truncate = chosen.StartsWith("table", StringComparison.Ordinal);
            var images = report.Images.Select(i => FirstNameRow(i, truncate, now)).ToList();
            var containers = report.Containers.Select(c =>
            {
                c.SizeRootFs = 0; // docker shows the writable size only
                return new ContainerRow(c, truncate, now);
            }).ToList();
            var volumes = report.Volumes.Select(v => new VolumeRow(v)).ToList();
            var cache = report.BuildCache.OrderByDescending(b => b.LastUsedAt ?? DateTimeOffset.MinValue).Select(b => new BuildCacheRow(b, truncate, now)).ToList();
            if (chosen != "table")
            {
                var data = TemplateValue.FromMap(new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
                {
                    ["Images"] = TemplateValue.FromList(images.Select(r => TemplateValue.FromObject(r))),
                    ["Containers"] = TemplateValue.FromList(containers.Select(r => TemplateValue.FromObject(r))),
                    ["Volumes"] = TemplateValue.FromList(volumes.Select(r => TemplateValue.FromObject(r))),
                    ["BuildCache"] = TemplateValue.FromList(cache.Select(r => TemplateValue.FromObject(r))),
                });
                cli.Out.Write(GoTemplate.Parse(chosen.Replace(@"\t", "\t", StringComparison.Ordinal).Replace(@"\n", "\n", StringComparison.Ordinal)).Execute(data));
                return 0;
            }
            cli.Out.Write("Images space usage:\n\n");
            FormatRenderer.Render(cli.Out, ImagesTableFormat, images.Select(r => TemplateValue.FromObject(r)), ImageRow.Headers);
            cli.Out.Write("\nContainers space usage:\n\n");
            FormatRenderer.Render(cli.Out, ContainersTableFormat, containers.Select(r => TemplateValue.FromObject(r)), ContainerRow.Headers);
            cli.Out.Write("\nLocal Volumes space usage:\n\n");
            FormatRenderer.Render(cli.Out, VolumeRow.DefaultTableFormat, volumes.Select(r => TemplateValue.FromObject(r)), VolumeRow.Headers);
            long cacheSize = report.BuildCache.Where(b => !b.Shared).Sum(b => b.Size);
            cli.Out.Write($"\nBuild cache usage: {HumanUnits.HumanSize(cacheSize)}\n\n");
            FormatRenderer.Render(cli.Out, BuildCacheRow.DefaultTableFormat, cache.Select(r => TemplateValue.FromObject(r)), BuildCacheRow.Headers);
            return 0;
        });
    }

    /// <summary>df -v shows an image once, under its first name.</summary>
    static ImageRow FirstNameRow(Cais.Api.Models.Images.ImageSummary image, bool truncate, DateTimeOffset now)
    {
        string repository = ImageRow.None, tag = ImageRow.None;
        if (image.RepoTags.Count > 0 && !ImageRow.IsDangling(image))
        {
            try
            {
                var reference = ImageReference.ParseNamed(image.RepoTags[0]);
                if (reference.Tag is { } t)
                {
                    repository = reference.FamiliarName;
                    tag = t;
                }
            }
            catch (InvalidReferenceException)
            {
            }
        }
        return new ImageRow(image, repository, tag, ImageRow.None, truncate, now);
    }
}
