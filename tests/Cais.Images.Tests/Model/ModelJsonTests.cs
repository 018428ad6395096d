using System.Text;
using Cais.Images.Model;

namespace Cais.Images.Tests.Model;

public class ModelJsonTests
{
    [Fact]
    public void ReadManifest_DockerV2_ReadsConfigAndLayers()
    {
        var m = ModelJson.ReadManifest(Samples.Utf8(Samples.DockerManifest), "manifest of busybox");

        Assert.Equal(2, m.SchemaVersion);
        Assert.Equal(MediaTypes.DockerManifest, m.MediaType);
        Assert.Equal(MediaTypes.DockerConfig, m.Config.MediaType);
        Assert.Equal(Digest.Parse(Samples.ConfigDigest), m.Config.ParsedDigest);
        Assert.Equal(1457, m.Config.Size);
        Assert.Equal(2, m.Layers.Count);
        Assert.Equal(2220094, m.Layers[0].Size);
        Assert.True(MediaTypes.IsForeignLayer(m.Layers[1].MediaType));
        Assert.Equal(["https://mcr.microsoft.com/v2/windows/blobs/sha256:0f6b9d2f"], m.Layers[1].Urls);
    }

    [Fact]
    public void ReadIndex_OciIndexWithAttestations_ReadsAnnotationsAndPlatforms()
    {
        var index = ModelJson.ReadIndex(Samples.Utf8(Samples.OciIndexWithAttestations), "index");

        Assert.Equal(7, index.Manifests.Count);
        Assert.Equal("scratch", index.Manifests[0].Annotations!["org.opencontainers.image.base.name"]);
        Assert.Equal("linux/arm/v7", index.Manifests[3].Platform!.ToString());
        Assert.Equal("attestation-manifest", index.Manifests[1].Annotations!["vnd.docker.reference.type"]);
    }

    [Fact]
    public void ReadIndex_DockerManifestList_ReadsOsVersion()
    {
        var index = ModelJson.ReadIndex(Samples.Utf8(Samples.DockerManifestList), "manifest list");

        Assert.Equal(MediaTypes.DockerManifestList, index.MediaType);
        Assert.Equal("10.0.17763.5206", index.Manifests[2].Platform!.OsVersion);
    }

    [Fact]
    public void ReadManifest_Index_ThrowsNamingMediaType()
    {
        var e = Assert.Throws<InvalidImageException>(() =>
            ModelJson.ReadManifest(Samples.Utf8(Samples.OciIndexWithAttestations), "manifest sha256:abc"));

        Assert.StartsWith("manifest sha256:abc:", e.Message);
    }

    [Fact]
    public void ReadIndex_Manifest_ThrowsNotAnIndex()
    {
        var e = Assert.Throws<InvalidImageException>(() => ModelJson.ReadIndex(Samples.Utf8(Samples.DockerManifest), "index x"));

        Assert.Equal($"index x: mediaType {MediaTypes.DockerManifest} is not an image index", e.Message);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"name":"busybox","tag":"latest","fsLayers":[],"config":{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v1+prettyjws","config":{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}""")]
    public void ReadManifest_Schema1_ThrowsNotSupported(string json)
    {
        var e = Assert.Throws<InvalidImageException>(() => ModelJson.ReadManifest(Encoding.UTF8.GetBytes(json), "manifest m"));

        Assert.Contains("schema 1 manifests are not supported", e.Message);
    }

    [Theory]
    [InlineData("{", "malformed JSON")]
    [InlineData("null", "the document is null")]
    [InlineData("[]", "malformed JSON")]
    [InlineData("""{"schemaVersion":2,"layers":[]}""", "neither a manifest nor an index")]
    [InlineData("""{"schemaVersion":2,"config":{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}""", "malformed JSON")]
    [InlineData("""{"schemaVersion":"2","config":{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}""", "malformed JSON")]
    [InlineData("""{"schemaVersion":3,"config":{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}""", "schemaVersion 3 is not supported")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"a","digest":"sha256:XYZ","size":1},"layers":[]}""", "config.digest \"sha256:XYZ\" is not a valid digest")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[{"mediaType":"a","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1}]}""", "layers[0].size is negative")]
    public void ReadManifest_Malformed_ThrowsNamingDocumentAndFault(string json, string fault)
    {
        var e = Assert.Throws<InvalidImageException>(() => ModelJson.ReadManifest(Encoding.UTF8.GetBytes(json), "manifest of app:1"));

        Assert.StartsWith("manifest of app:1: ", e.Message);
        Assert.Contains(fault, e.Message);
    }

    [Fact]
    public void ReadManifest_PropertyNamesInOtherCase_AreReadAsGoDoes()
    {
        var json = """{"SchemaVersion":2,"Config":{"MediaType":"a","Digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","Size":1},"Layers":[]}""";

        var m = ModelJson.ReadManifest(Encoding.UTF8.GetBytes(json), "m");

        Assert.Equal(1, m.Config.Size);
    }

    [Fact]
    public void Serialize_Manifest_IsCompactWithoutNullsInGoFieldOrder()
    {
        var config = Descriptor.Of(MediaTypes.OciConfig, "{}"u8);
        var manifest = new ImageManifest { MediaType = MediaTypes.OciManifest, Config = config, Layers = [] };

        var json = Encoding.UTF8.GetString(ModelJson.Serialize(manifest));

        Assert.Equal(
            """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""",
            json);
    }

    [Fact]
    public void Serialize_IndexThenRead_RoundTrips()
    {
        var original = ModelJson.ReadIndex(Samples.Utf8(Samples.OciIndexWithAttestations), "index");

        var again = ModelJson.ReadIndex(ModelJson.Serialize(original), "index again");

        Assert.Equal(original.Manifests.Count, again.Manifests.Count);
        Assert.Equal(original.Manifests[4].Platform, again.Manifests[4].Platform);
        Assert.Equal(original.Manifests[1].Annotations, again.Manifests[1].Annotations);
    }

    [Theory]
    [InlineData(Samples.DockerManifest, MediaTypes.DockerManifest)]
    [InlineData(Samples.DockerManifestList, MediaTypes.DockerManifestList)]
    [InlineData("""{"schemaVersion":2,"manifests":[]}""", MediaTypes.OciIndex)]
    [InlineData("""{"schemaVersion":2,"config":{},"layers":[]}""", MediaTypes.OciManifest)]
    [InlineData("""{"schemaVersion":1,"fsLayers":[]}""", MediaTypes.DockerSchema1Manifest)]
    public void DetectMediaType_Document_NamesItsType(string json, string expected)
    {
        Assert.Equal(expected, ModelJson.DetectMediaType(Encoding.UTF8.GetBytes(json), "doc"));
    }

    [Fact]
    public void DetectMediaType_NeitherManifestNorIndex_Throws()
    {
        var e = Assert.Throws<InvalidImageException>(() => ModelJson.DetectMediaType("""{"schemaVersion":2}"""u8, "blob x"));

        Assert.StartsWith("blob x: neither a manifest nor an index", e.Message);
    }
}
