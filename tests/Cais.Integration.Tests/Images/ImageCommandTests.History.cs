using System.Text;
using System.Text.Json.Nodes;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais history`: the config's history, newest first, in Docker's columns.</summary>
public sealed partial class ImageCommandTests
{
    const string AddStep = "/bin/sh -c #(nop) ADD file:4e2e5b0f7c0a in / ";
    const string RunStep = "/bin/sh -c echo a command long enough for docker to cut it short > /x";
    const string CmdStep = "/bin/sh -c #(nop)  CMD [\"sh\"]";

    [RootFact]
    public void History_ImportedImage_OneRowWithTheMessageAsComment()
    {
        var id = Import(RootfsTar("a.tar", ("etc/a", "a\n")), "imp:1", "-m", "first rootfs", "-c", "CMD [\"/bin/sh\"]");

        var table = ImageTable.Parse(h.Succeed("history", "imp:1").Stdout);

        Assert.Equal(["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal(Short(id), row["IMAGE"]);
        // Docker's import records no command, only the comment (-m, or "Imported from -").
        Assert.Equal("", row["CREATED BY"]);
        Assert.Equal("first rootfs", row["COMMENT"]);
        Assert.Matches("^(Less than a second|[0-9]+ seconds?) ago$", row["CREATED"]);
    }

    [RootFact]
    public void History_ImportWithoutMessage_CommentSaysImportedFromStdin()
    {
        Import(RootfsTar("a.tar", ("etc/a", "a\n")), "imp:1");

        var row = Assert.Single(ImageTable.Parse(h.Succeed("history", "imp:1").Stdout).Rows);

        Assert.Equal("Imported from -", row["COMMENT"]);
    }

    [RootFact]
    public void History_LayeredImage_NewestFirst_TopRowNamedByTheImage()
    {
        var id = LoadThreeStepImage();

        var table = ImageTable.Parse(h.Succeed("history", "hist:1").Stdout);

        Assert.Equal([Short(id), "<missing>", "<missing>"], table.Column("IMAGE"));
        Assert.Equal(CmdStep, table.Rows[0]["CREATED BY"]);
        // The docker CLI cuts CREATED BY to 45 characters, the last one an ellipsis.
        Assert.Equal(RunStep[..44] + "…", table.Rows[1]["CREATED BY"]);
        Assert.Equal(AddStep.Trim(), table.Rows[2]["CREATED BY"]);
        Assert.Equal("0B", table.Rows[0]["SIZE"]);
        Assert.All(table.Column("CREATED"), c => Assert.EndsWith(" ago", c));
    }

    [RootFact]
    public void History_NoTruncQuietAndRawSizes()
    {
        var id = LoadThreeStepImage();

        var full = ImageTable.Parse(h.Succeed("history", "--no-trunc", "hist:1").Stdout);
        Assert.Equal([id, "<missing>", "<missing>"], full.Column("IMAGE"));
        Assert.Equal(RunStep, full.Rows[1]["CREATED BY"]);

        Assert.Equal([Short(id), "<missing>", "<missing>"], Lines(h.Succeed("history", "-q", "hist:1").Stdout));
        Assert.Equal([id, "<missing>", "<missing>"], Lines(h.Succeed("history", "-q", "--no-trunc", "hist:1").Stdout));

        // -H=false: sizes in bytes, dates as RFC 3339 timestamps (UTC) under CREATED AT.
        var raw = ImageTable.Parse(h.Succeed("history", "--human=false", "hist:1").Stdout);
        Assert.Equal(["IMAGE", "CREATED AT", "CREATED BY", "SIZE", "COMMENT"], raw.Columns);
        Assert.Equal("0", raw.Rows[0]["SIZE"]);
        Assert.True(long.Parse(raw.Rows[1]["SIZE"]) >= 3000, $"the RUN layer holds a 3000-byte file: {raw.Rows[1]["SIZE"]}");
        Assert.Equal("2024-01-03T00:00:00Z", raw.Rows[0]["CREATED AT"]);
        Assert.Equal("2024-01-01T00:00:00Z", raw.Rows[2]["CREATED AT"]);
    }

    [RootFact]
    public void History_UnknownImage_FailsWithNoSuchImage()
    {
        var r = h.Cais("history", "nope");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("No such image: nope", r.Stderr);
    }

    /// <summary>
    /// Loads "hist:1": two layers and three history steps (ADD, RUN, then an empty CMD step), as a
    /// Dockerfile build records them, one day apart. Returns its id.
    /// </summary>
    string LoadThreeStepImage()
    {
        var baseLayer = TestArchives.LayerTar(("etc/os-release", "ID=test\n"));
        var runLayer = TestArchives.LayerTar(("x", new string('x', 3000)));
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = "2024-01-03T00:00:00Z",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("sh") },
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(TestArchives.Sha256(baseLayer), TestArchives.Sha256(runLayer)),
            },
            ["history"] = new JsonArray(
                new JsonObject { ["created"] = "2024-01-01T00:00:00Z", ["created_by"] = AddStep },
                new JsonObject { ["created"] = "2024-01-02T00:00:00Z", ["created_by"] = RunStep },
                new JsonObject { ["created"] = "2024-01-03T00:00:00Z", ["created_by"] = CmdStep, ["empty_layer"] = true }),
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var archive = files.Combine("hist.tar");
        TestArchives.WriteLegacyArchive(archive, new TestArchives.LegacyImage(configBytes,
            [(new string('1', 64), baseLayer), (new string('2', 64), runLayer)], ["hist:1"]));
        h.Succeed("load", "-i", archive);
        return TestArchives.Sha256(configBytes);
    }
}
