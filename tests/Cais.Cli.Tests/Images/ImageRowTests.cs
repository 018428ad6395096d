using Cais.Api.Models.Images;
using Cais.Cli.Images;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Images;

/// <summary>The rows `images` makes of an image: one per name, as docker's imageFormat makes them.</summary>
public class ImageRowTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    static ImageSummary Busybox(params string[] tags) => new()
    {
        Id = "sha256:37621ea41edb9f90d92ae2f4ce16ae54f9718fda936855d9261ad2c820fe00da",
        RepoTags = [.. tags],
        Created = Now.AddDays(-190).ToUnixTimeSeconds(),
        Size = 1986002,
    };

    static List<string> Rows(ImageSummary image, bool showDigests = false, string template = "{{.Repository}}:{{.Tag}}:{{.Digest}}") =>
        [.. ImageRow.RowsOf(image, showDigests, showDigests, truncate: true, Now).Select(r => GoTemplate.Parse(template).Execute(TemplateValue.FromObject(r)))];

    [Fact]
    public void Tagged_ARowPerNameSorted()
    {
        Assert.Equal(["busybox:latest:<none>", "tools/bb:2:<none>"], Rows(Busybox("tools/bb:2", "busybox:latest")));
    }

    [Fact]
    public void Untagged_OneNoneRow() => Assert.Equal(["<none>:<none>:<none>"], Rows(Busybox()));

    [Fact]
    public void WithDigests_ARowPerTagAndDigest_DigestOnlyNamesToo()
    {
        var image = Busybox("busybox:latest");
        image.RepoDigests = ["busybox@sha256:" + new string('a', 64), "other/x@sha256:" + new string('b', 64)];

        Assert.Equal(["busybox:latest:sha256:" + new string('a', 64), "other/x:<none>:sha256:" + new string('b', 64)], Rows(image, showDigests: true));
        Assert.Equal(["busybox:latest:<none>", "other/x:<none>:"], Rows(image, showDigests: false));
    }

    [Fact]
    public void Fields_AsDockerShowsThem()
    {
        Assert.Equal(["37621ea41edb|6 months ago|1.99MB|1.986MB|N/A|N/A"],
            Rows(Busybox("busybox:latest"), template: "{{.ID}}|{{.CreatedSince}}|{{.Size}}|{{.VirtualSize}}|{{.SharedSize}}|{{.Containers}}"));
    }

    [Fact]
    public void DefaultTable_HasDockersColumns()
    {
        var output = new StringWriter();
        var rows = ImageRow.RowsOf(Busybox("busybox:latest"), false, false, true, Now).Select(r => TemplateValue.FromObject(r));

        FormatRenderer.Render(output, "", rows, ImageRow.Headers, ImageRow.DefaultTableFormat);

        Assert.Equal("REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\nbusybox      latest    37621ea41edb   6 months ago   1.99MB\n", output.ToString());
    }
}
