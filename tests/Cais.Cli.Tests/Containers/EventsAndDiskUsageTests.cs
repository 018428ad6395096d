using Cais.Api.Models.Containers;
using Cais.Api.Models.Events;
using Cais.Api.Models.Images;
using Cais.Cli.Containers;
using Cais.Cli.Containers.DiskUsage;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Containers;

/// <summary>`events` lines and the `system df` summary.</summary>
public class EventsAndDiskUsageTests
{
    [Fact]
    public void Event_PrettyLine_TimeTypeActionIdSortedAttributes()
    {
        var e = new EventMessage
        {
            Type = "container", Action = "start", TimeNano = 1714557600_123456789,
            Actor = new EventActor { Id = "abc123", Attributes = new() { ["name"] = "web", ["image"] = "busybox" } },
        };

        // Local time: the test sets no zone, so only the shape is fixed here.
        Assert.Matches(@"^2024-05-01T\d\d:\d\d:00\.123456789(Z|[+-]\d\d:\d\d) container start abc123 \(image=busybox, name=web\)$", EventsVerb.Pretty(e));
    }

    [Fact]
    public void Event_WithoutAttributesOrTime_NoParentheses() =>
        Assert.Equal("image untag sha256:x", EventsVerb.Pretty(new EventMessage { Type = "image", Action = "untag", Actor = new EventActor { Id = "sha256:x" } }));

    [Fact]
    public void DiskUsage_Summary_CountsActiveAndReclaimable()
    {
        var report = new DiskUsageReport
        {
            LayersSize = 3_000_000,
            Images =
            [
                new ImageSummary { Id = "sha256:a", Size = 2_000_000, SharedSize = 0, Containers = 2 },
                new ImageSummary { Id = "sha256:b", Size = 1_000_000, SharedSize = 0, Containers = 0 },
            ],
            Containers =
            [
                new ContainerSummary { State = "running", SizeRw = 100 },
                new ContainerSummary { State = "exited", SizeRw = 300 },
            ],
        };

        var lines = DiskUsageRow.Summarise(report).Select(r => GoTemplate.Parse("{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}").Execute(TemplateValue.FromObject(r)));

        Assert.Equal(["Images|2|1|3MB|1MB (33%)", "Containers|2|1|400B|300B (75%)", "Local Volumes|0|0|0B|0B", "Build Cache|0|0|0B|0B"], lines);
    }
}
