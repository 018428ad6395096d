using Cais.Images.Layers;
using System.Text;
using Cais.Images.Model;

namespace Cais.Images.Tests.Model;

public class DescriptorTests
{
    [Fact]
    public void Of_Content_HasSha256AndLength()
    {
        var d = Descriptor.Of(MediaTypes.OciEmpty, "{}"u8);

        Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", d.Digest);
        Assert.Equal(2, d.Size);
    }

    [Fact]
    public void ParsedDigest_Malformed_ThrowsInvalidImage()
    {
        var d = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = "sha256:nothex", Size = 1 };

        var e = Assert.Throws<InvalidImageException>(() => d.ParsedDigest);

        Assert.Contains(MediaTypes.OciLayerGzip, e.Message);
        Assert.Contains("sha256:nothex", e.Message);
    }

    [Fact]
    public void Data_Embedded_IsBase64InJson()
    {
        var d = Descriptor.Of(MediaTypes.OciEmpty, "{}"u8) with { Data = "{}"u8.ToArray() };

        var json = Encoding.UTF8.GetString(ModelJson.Serialize(d, ImageJsonContext.Default.Descriptor));
        var again = ModelJson.Deserialize(Encoding.UTF8.GetBytes(json), ImageJsonContext.Default.Descriptor, "d");

        Assert.Contains("\"data\":\"e30=\"", json);
        Assert.Equal("{}"u8.ToArray(), again.Data);
    }

    [Theory]
    [InlineData(MediaTypes.OciLayer, LayerCompressionKind.None)]
    [InlineData(MediaTypes.DockerLayer, LayerCompressionKind.None)]
    [InlineData(MediaTypes.OciLayerGzip, LayerCompressionKind.Gzip)]
    [InlineData(MediaTypes.DockerLayerGzip, LayerCompressionKind.Gzip)]
    [InlineData(MediaTypes.DockerForeignLayerGzip, LayerCompressionKind.Gzip)]
    [InlineData(MediaTypes.OciLayerZstd, LayerCompressionKind.Zstd)]
    [InlineData(MediaTypes.OciLayerNondistributableZstd, LayerCompressionKind.Zstd)]
    public void CompressionOf_LayerType_IsKnown(string mediaType, LayerCompressionKind expected)
    {
        Assert.True(MediaTypes.IsLayer(mediaType));
        Assert.Equal(expected, MediaTypes.CompressionOf(mediaType));
    }

    [Theory]
    [InlineData(MediaTypes.OciConfig)]
    [InlineData(MediaTypes.DockerManifest)]
    [InlineData(MediaTypes.InToto)]
    [InlineData("application/octet-stream")]
    public void CompressionOf_NotALayer_IsNull(string mediaType)
    {
        Assert.False(MediaTypes.IsLayer(mediaType));
        Assert.Null(MediaTypes.CompressionOf(mediaType));
    }

    [Fact]
    public void MediaTypes_Kinds_AreDistinguished()
    {
        Assert.True(MediaTypes.IsManifest(MediaTypes.DockerManifest) && MediaTypes.IsManifest(MediaTypes.OciManifest));
        Assert.True(MediaTypes.IsIndex(MediaTypes.DockerManifestList) && MediaTypes.IsIndex(MediaTypes.OciIndex));
        Assert.True(MediaTypes.IsConfig(MediaTypes.DockerConfig) && MediaTypes.IsConfig(MediaTypes.OciConfig));
        Assert.False(MediaTypes.IsManifest(MediaTypes.OciIndex));
        Assert.False(MediaTypes.IsIndex(null));
    }
}
