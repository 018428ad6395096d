using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>Archives across the two engines: what cais saves Docker loads and runs, and the reverse.</summary>
public sealed partial class ArchiveTests
{
    /// <summary>
    /// A busybox image no Docker daemon has seen: bootstrapped from a copy of busybox with a
    /// random timestamp, so its layer (written by cais) and config are new to Docker.
    /// </summary>
    string BootstrapUniqueBusybox(string tag)
    {
        var busybox = files.Combine("busybox");
        File.Copy(BusyboxRootfs.HostBusybox, busybox);
        File.SetLastWriteTimeUtc(busybox, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Random.Shared.Next(1, 100_000_000)));
        var r = h.Succeed("image", "bootstrap", "busybox", "--busybox", busybox, "-t", tag);
        return ImageHarness.IdIn(r.Stdout);
    }

    [DockerFact]
    public void Save_LoadedByDocker_SameImageIdInDocker()
    {
        var name = DockerCli.UniqueRepository("bb") + ":1";
        var id = BootstrapUniqueBusybox(name);
        var archive = files.Combine("cais.tar");
        h.Succeed("save", "-o", archive, name);
        try
        {
            var load = DockerCli.Succeed("load", "-i", archive);

            Assert.Contains($"Loaded image: {name}", load.Stdout);
            Assert.Equal(id, DockerCli.Succeed("image", "inspect", "-f", "{{.Id}}", name).Stdout.Trim());
            var layers = DockerCli.Succeed("image", "inspect", "-f", "{{json .RootFS.Layers}}", name).Stdout.Trim();
            Assert.Equal(JsonArrayText(BootstrapTests.Strings(h.Inspect(name).GetProperty("RootFS").GetProperty("Layers"))), layers);
        }
        finally
        {
            DockerCli.RemoveNames(name);
        }
    }

    [DockerFact]
    public void Save_LoadedByDocker_RunsInDocker()
    {
        var name = DockerCli.UniqueRepository("run") + ":1";
        BootstrapUniqueBusybox(name);
        var archive = files.Combine("cais.tar");
        h.Succeed("save", "-o", archive, name);
        try
        {
            DockerCli.Succeed("load", "-i", archive);

            var run = DockerCli.Run("run", "--rm", "--network", "none", name, "echo", "hi");

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Equal("hi\n", run.Stdout);
            // The image's default command is sh, with busybox's applets on PATH.
            var ls = DockerCli.Succeed("run", "--rm", "--network", "none", name, "sh", "-c", "ls /bin/busybox && id -u");
            Assert.Equal("/bin/busybox\n0\n", ls.Stdout);
        }
        finally
        {
            DockerCli.RemoveNames(name);
        }
    }

    [DockerFact]
    public void DockerSave_LoadedByCais_SameImageIdAndTag()
    {
        var name = DockerCli.UniqueRepository("imp") + ":1";
        var rootfs = files.Combine("rootfs.tar");
        File.WriteAllBytes(rootfs, TestArchives.LayerTar(("etc/from-docker", Guid.NewGuid().ToString("N") + "\n"), ("bin/x", "x\n")));
        var archive = files.Combine("docker.tar");
        string dockerId;
        string dockerLayers;
        try
        {
            DockerCli.Succeed("import", "-c", "CMD [\"/bin/x\"]", "-c", "ENV A=1", rootfs, name);
            DockerCli.Succeed("save", "-o", archive, name);
            dockerId = DockerCli.Succeed("image", "inspect", "-f", "{{.Id}}", name).Stdout.Trim();
            dockerLayers = DockerCli.Succeed("image", "inspect", "-f", "{{json .RootFS.Layers}}", name).Stdout.Trim();
        }
        finally
        {
            DockerCli.RemoveNames(name);
        }

        var load = h.Succeed("load", "-i", archive);

        Assert.Equal($"Loaded image: {name}\n", load.Stdout);
        var image = h.Inspect(name);
        Assert.Equal(dockerId, image.GetProperty("Id").GetString());
        Assert.Equal(dockerLayers, JsonArrayText(BootstrapTests.Strings(image.GetProperty("RootFS").GetProperty("Layers"))));
        Assert.Equal(new[] { "/bin/x" }, BootstrapTests.Strings(image.GetProperty("Config").GetProperty("Cmd")));
        Assert.Contains("A=1", BootstrapTests.Strings(image.GetProperty("Config").GetProperty("Env")));
        Assert.True(File.Exists(Path.Combine(h.LayerHolding("etc/from-docker"), "bin", "x")), "the layer lacks bin/x");
        Assert.Empty(h.Entries("tmp"));
    }

    [DockerFact]
    public void SaveLoadSave_ThroughDocker_CaisGetsItsOwnImageBack()
    {
        var name = DockerCli.UniqueRepository("round") + ":1";
        var id = BootstrapUniqueBusybox(name);
        var caisArchive = files.Combine("cais.tar");
        var dockerArchive = files.Combine("docker.tar");
        h.Succeed("save", "-o", caisArchive, name);
        try
        {
            DockerCli.Succeed("load", "-i", caisArchive);
            DockerCli.Succeed("save", "-o", dockerArchive, name);
        }
        finally
        {
            DockerCli.RemoveNames(name);
        }

        using var fresh = new ImageHarness();
        fresh.Succeed("load", "-i", dockerArchive);

        Assert.Equal(id, fresh.IdOf(name));
        Assert.Equal(h.Inspect(name).GetProperty("RootFS").GetRawText(), fresh.Inspect(name).GetProperty("RootFS").GetRawText());
    }

    // A string array as compact JSON, as `docker inspect -f '{{json ...}}'` prints one.
    static string JsonArrayText(IEnumerable<string> items) =>
        "[" + string.Join(",", items.Select(i => System.Text.Json.Nodes.JsonValue.Create(i).ToJsonString())) + "]";
}
