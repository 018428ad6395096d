using System.Text;
using Cais.Images.Model;

namespace Cais.Images.Tests.Model;

public class ImageConfigTests
{
    static ImageConfig Read() => ModelJson.ReadConfig(Samples.Utf8(Samples.DockerConfig), "config of nginx");

    [Fact]
    public void ReadConfig_DockerConfig_ReadsPlatformAndContainerDefaults()
    {
        var c = Read();

        Assert.Equal("linux/amd64", c.Platform.ToString());
        var cfg = c.Config!;
        Assert.Equal("app", cfg.User);
        Assert.Equal(["80/tcp", "53/udp"], cfg.ExposedPorts!.Keys);
        Assert.Equal(["/var/cache/nginx"], cfg.Volumes!.Keys);
        Assert.Equal(["nginx", "-g", "daemon off;"], cfg.Cmd);
        Assert.Null(cfg.Entrypoint);
        Assert.Null(cfg.OnBuild);
        Assert.Equal("/srv", cfg.WorkingDir);
        Assert.Equal("NGINX Docker Maintainers", cfg.Labels!["maintainer"]);
        Assert.Equal("SIGQUIT", cfg.StopSignal);
        Assert.Equal(20, cfg.StopTimeout);
        Assert.True(cfg.ArgsEscaped);
        Assert.Equal(["/bin/bash", "-c"], cfg.Shell);
    }

    [Fact]
    public void ReadConfig_Healthcheck_DurationsAreNanoseconds()
    {
        var h = Read().Config!.Healthcheck!;

        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/ || exit 1"], h.Test);
        Assert.Equal(TimeSpan.FromSeconds(30), HealthConfig.ToTimeSpan(h.Interval!.Value));
        Assert.Equal(5_000_000_000, h.Timeout);
        Assert.Equal(10_000_000_000, h.StartPeriod);
        Assert.Equal(2_000_000_000, h.StartInterval);
        Assert.Equal(3, h.Retries);
        Assert.Equal(30_000_000_000, HealthConfig.ToNanoseconds(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ReadConfig_History_ReadsEveryField()
    {
        var history = Read().History!;

        Assert.Equal(3, history.Count);
        Assert.True(history[1].EmptyLayer);
        Assert.Null(history[0].EmptyLayer);
        Assert.Equal("someone", history[2].Author);
        Assert.Equal("buildkit.dockerfile.v0", history[2].Comment);
        Assert.StartsWith("RUN /bin/sh -c apt-get update", history[2].CreatedBy);
    }

    [Fact]
    public void ReadConfig_NineFractionalDigits_CreatedTimeParses()
    {
        var created = Read().CreatedTime;

        Assert.Equal(new DateTimeOffset(2023, 11, 1, 1, 9, 6, TimeSpan.Zero).AddTicks(3827471), created);
    }

    [Fact]
    public void ReadConfig_LegacyDockerFields_KeptInExtra()
    {
        var c = Read();

        Assert.Equal("20.10.23", c.Extra!["docker_version"].GetString());
        Assert.True(c.Extra.ContainsKey("container_config"));
        Assert.Equal("", c.Config!.Extra!["Hostname"].GetString());
        Assert.False(c.Config.Extra["Tty"].GetBoolean());
    }

    [Fact]
    public void Serialize_ConfigReadFromDocker_LosesNothingButNulls()
    {
        var original = Read();

        var json = Encoding.UTF8.GetString(ModelJson.Serialize(original));
        var again = ModelJson.ReadConfig(Encoding.UTF8.GetBytes(json), "again");

        Assert.Contains("\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{}}", json);
        Assert.Contains("\"docker_version\":\"20.10.23\"", json);
        Assert.Contains("\"AttachStdin\":false", json);
        Assert.DoesNotContain("Entrypoint", json);
        // Records compare lists by reference, so the health check is compared without its Test.
        Assert.Equal(original.Config!.Healthcheck! with { Test = null }, again.Config!.Healthcheck! with { Test = null });
        Assert.Equal(original.Config.Healthcheck.Test, again.Config.Healthcheck.Test);
        Assert.Equal(original.RootFs.DiffIds, again.RootFs.DiffIds);
        Assert.Equal(original.History!, again.History!);
        Assert.Equal(original.Extra!.Keys, again.Extra!.Keys);
    }

    [Fact]
    public void ComputeId_ConfigBytes_IsDigestOfExactBytes()
    {
        var bytes = Samples.Utf8(Samples.DockerConfig);

        Assert.Equal(Digest.Of(bytes), ImageConfig.ComputeId(bytes));
        Assert.NotEqual(ImageConfig.ComputeId(bytes), ImageConfig.ComputeId(ModelJson.Serialize(Read())));
    }

    [Fact]
    public void ComputeChainIds_TwoLayers_FollowsConfigMdRule()
    {
        // Vector computed independently: python3 hashlib.sha256(b"layer0") etc., then
        // sha256("sha256:<L0> sha256:<L1>") for the second chain ID.
        var chain = Read().ComputeChainIds();

        Assert.Equal(
            [
                Digest.Parse("sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e"),
                Digest.Parse("sha256:ef232af0eb422cdfd7917631657cd8ed2bfd5b9461b37c427aa0d3e0a19adf79"),
            ],
            chain);
    }

    [Fact]
    public void Compute_ThreeLayers_ChainsEachOnItsParent()
    {
        var diffIds = new[] { "layer0", "layer1", "layer2" }.Select(s => Digest.Of(Encoding.ASCII.GetBytes(s))).ToList();

        var chain = ChainIds.Compute(diffIds);

        Assert.Equal(diffIds[0], chain[0]);
        Assert.Equal("sha256:7ad3896338947cc04ee0b35b50d400ff32538d63f42f85ec87feac78bf71a54d", chain[2].ToString());
        Assert.Empty(ChainIds.Compute([]));
    }

    [Theory]
    [InlineData("""{"architecture":"amd64","os":"linux"}""", "malformed JSON")]
    [InlineData("""{"rootfs":{"type":"layered","diff_ids":[]}}""", "rootfs.type is \"layered\", expected \"layers\"")]
    [InlineData("""{"rootfs":{"type":"layers","diff_ids":["sha256:abc"]}}""", "rootfs.diff_ids[0]: invalid digest \"sha256:abc\"")]
    [InlineData("""{"rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":"PATH=/bin"}}""", "malformed JSON")]
    [InlineData("""{"rootfs":{"type":"layers","diff_ids":[]},"config":{"Healthcheck":{"Interval":"30s"}}}""", "malformed JSON")]
    public void ReadConfig_Malformed_ThrowsNamingDocument(string json, string fault)
    {
        var e = Assert.Throws<InvalidImageException>(() => ModelJson.ReadConfig(Encoding.UTF8.GetBytes(json), "config sha256:1234"));

        Assert.StartsWith("config sha256:1234: ", e.Message);
        Assert.Contains(fault, e.Message);
    }

    [Fact]
    public void Serialize_BuiltConfig_WritesEmptyObjectsAndSnakeCaseNames()
    {
        var config = new ImageConfig
        {
            Architecture = "arm64",
            Os = "linux",
            Variant = "v8",
            Config = new ContainerConfig { ExposedPorts = new Dictionary<string, EmptyObject> { ["8080/tcp"] = EmptyObject.Instance } },
            RootFs = new RootFs { DiffIds = ["sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e"] },
            History = [new HistoryEntry { CreatedBy = "COPY . /", EmptyLayer = false }],
        };

        var json = Encoding.UTF8.GetString(ModelJson.Serialize(config));

        Assert.Equal(
            """{"architecture":"arm64","os":"linux","variant":"v8","config":{"ExposedPorts":{"8080/tcp":{}}},"rootfs":{"type":"layers","diff_ids":["sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e"]},"history":[{"created_by":"COPY . /","empty_layer":false}]}""",
            json);
    }

    [Theory]
    [InlineData("2023-11-01T01:09:06Z", "2023-11-01T01:09:06Z")]
    [InlineData("2023-11-01T01:09:06.5Z", "2023-11-01T01:09:06.5Z")]
    [InlineData("2023-11-01T01:09:06.123456789Z", "2023-11-01T01:09:06.1234567Z")]
    [InlineData("2023-11-01T03:09:06.25+02:00", "2023-11-01T01:09:06.25Z")]
    public void Rfc3339_ParseThenFormat_IsGoStyleUtc(string text, string formatted)
    {
        Assert.Equal(formatted, Rfc3339.Format(Rfc3339.TryParse(text)!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Rfc3339_Malformed_IsNull(string? text)
    {
        Assert.Null(Rfc3339.TryParse(text));
    }
}
