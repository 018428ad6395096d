using System.Runtime.InteropServices;
using Cais.Images.Model;

namespace Cais.Images.Tests.Model;

public class PlatformMatcherTests
{
    static readonly ImageIndex Busybox = ModelJson.ReadIndex(Samples.Utf8(Samples.OciIndexWithAttestations), "index");

    static PlatformMatcher For(string platform) => new(Platform.Parse(platform));

    static Descriptor Entry(string digestChar, string? platform, string mediaType = MediaTypes.OciManifest,
        IReadOnlyDictionary<string, string>? annotations = null, IReadOnlyList<string>? features = null) => new()
    {
        MediaType = mediaType,
        Digest = "sha256:" + new string(digestChar[0], 64),
        Size = 1,
        Platform = platform is null ? null : Platform.Parse(platform) with { OsFeatures = features },
        Annotations = annotations,
    };

    static ImageIndex Index(params Descriptor[] manifests) => new() { Manifests = manifests };

    [Theory]
    [InlineData("linux/amd64", '1')]
    [InlineData("linux/arm64", '5')]
    [InlineData("linux/arm64/v8", '5')]
    [InlineData("linux/aarch64", '5')]
    [InlineData("linux/arm/v7", '4')]
    [InlineData("linux/arm", '4')]
    [InlineData("linux/armhf", '4')]
    [InlineData("linux/arm/v6", '3')]
    [InlineData("linux/armel", '3')]
    [InlineData("linux/arm/v8", '4')]
    [InlineData("linux/386", '7')]
    [InlineData("linux/i386", '7')]
    [InlineData("Linux/X86_64", '1')]
    public void Choose_BusyboxIndex_PicksBestForPlatform(string wanted, char digestChar)
    {
        var chosen = For(wanted).Choose(Busybox);

        Assert.Equal("sha256:" + new string(digestChar, 64), chosen.Digest);
    }

    [Fact]
    public void Choose_AttestationsListedFirst_AreSkipped()
    {
        var index = Index(
            Entry("2", "unknown/unknown"),
            Entry("3", "linux/amd64", annotations: new Dictionary<string, string> { ["vnd.docker.reference.type"] = "attestation-manifest" }),
            Entry("1", "linux/amd64"));

        Assert.Equal("sha256:" + new string('1', 64), For("linux/amd64").Choose(index).Digest);
    }

    [Theory]
    [InlineData("linux/amd64", "linux/386")]
    [InlineData("linux/amd64/v3", "linux/amd64/v2")]
    [InlineData("linux/arm64", "linux/arm/v7")]
    [InlineData("linux/arm64/v8.2", "linux/arm64/v8.1")]
    [InlineData("linux/arm64/v9.1", "linux/arm64/v8.5")]
    [InlineData("linux/arm/v7", "linux/arm/v5")]
    public void Choose_OnlyOlderPlatformListed_FallsBackToIt(string wanted, string available)
    {
        var chosen = For(wanted).Choose(Index(Entry("a", available)));

        Assert.Equal(available, chosen.Platform!.ToString());
    }

    [Theory]
    [InlineData("linux/386", "linux/amd64")]
    [InlineData("linux/arm/v6", "linux/arm/v7")]
    [InlineData("linux/arm/v7", "linux/arm64")]
    [InlineData("linux/amd64", "linux/amd64/v2")]
    [InlineData("linux/arm64/v8", "linux/arm64/v8.1")]
    [InlineData("linux/amd64", "windows/amd64")]
    public void Choose_OnlyNewerOrOtherPlatform_Throws(string wanted, string available)
    {
        Assert.Throws<NoMatchingPlatformException>(() => For(wanted).Choose(Index(Entry("a", available))));
    }

    [Fact]
    public void Choose_ExactAndFallbackListed_PrefersExactWhateverTheOrder()
    {
        var index = Index(Entry("a", "linux/386"), Entry("b", "linux/arm/v6"), Entry("c", "linux/amd64"), Entry("d", "linux/arm/v7"));

        Assert.Equal('c', For("linux/amd64").Choose(index).Digest[^1]);
        Assert.Equal('d', For("linux/arm64").Choose(index).Digest[^1]);
    }

    [Fact]
    public void Choose_NothingMatches_NamesWantedAndAvailable()
    {
        var e = Assert.Throws<NoMatchingPlatformException>(() => For("linux/riscv64").Choose(Busybox));

        Assert.Equal(
            "no matching manifest for linux/riscv64 in the manifest list entries " +
            "(available: linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8, linux/386)",
            e.Message);
        Assert.Equal("linux/riscv64", e.Wanted.ToString());
    }

    [Fact]
    public void Choose_OnlyAttestations_Throws()
    {
        var index = Index(Entry("2", "unknown/unknown"));

        var e = Assert.Throws<NoMatchingPlatformException>(() => For("linux/amd64").Choose(index));

        Assert.EndsWith("(the index lists no platforms)", e.Message);
    }

    [Fact]
    public void Choose_EntryWithoutPlatform_ChosenOnlyWhenNothingMatches()
    {
        var index = Index(Entry("a", null), Entry("b", "linux/amd64"));

        Assert.Equal('b', For("linux/amd64").Choose(index).Digest[^1]);
        Assert.Equal('a', For("linux/s390x").Choose(index).Digest[^1]);
    }

    [Fact]
    public void Choose_NonManifestEntries_AreSkipped()
    {
        var index = Index(Entry("a", "linux/amd64", MediaTypes.InToto), Entry("b", "linux/amd64", MediaTypes.DockerManifestList));

        Assert.Equal('b', For("linux/amd64").Choose(index).Digest[^1]);
    }

    [Fact]
    public void Choose_CandidateWithOsFeaturesHostLacks_DoesNotMatch()
    {
        var index = Index(Entry("a", "linux/amd64", features: ["win32k"]), Entry("b", "linux/amd64"));

        Assert.Equal('b', For("linux/amd64").Choose(index).Digest[^1]);
    }

    [Fact]
    public void Choose_DockerManifestListWithGoArchAlias_MatchesAmd64()
    {
        var list = ModelJson.ReadIndex(Samples.Utf8(Samples.DockerManifestList), "list");

        Assert.Equal('b', For("linux/amd64").Choose(list).Digest[^1]);
    }

    [Fact]
    public void Host_OnThisMachine_IsLinuxWithTheProcessArchitecture()
    {
        var host = PlatformMatcher.Host.Wanted;

        Assert.Equal("linux", host.Os);
        Assert.Equal(HostPlatform.FromArchitecture(RuntimeInformation.OSArchitecture).Architecture, host.Architecture);
    }

    [Fact]
    public void Rank_BestToWorst_IncreasesAlongTheVector()
    {
        var m = For("linux/arm64");

        Assert.Equal(0, m.Rank(Platform.Parse("linux/arm64/v8")));
        Assert.True(m.Rank(Platform.Parse("linux/arm/v8")) < m.Rank(Platform.Parse("linux/arm/v7")));
        Assert.True(m.Rank(Platform.Parse("linux/arm/v7")) < m.Rank(Platform.Parse("linux/arm/v5")));
        Assert.Equal(-1, m.Rank(Platform.Parse("linux/amd64")));
    }
}
