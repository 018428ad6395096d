using System.Runtime.InteropServices;
using Cais.Images.Model;

namespace Cais.Images.Tests.Model;

public class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", null)]
    [InlineData("linux/arm/v7", "linux", "arm", "v7")]
    [InlineData("Linux/ARM64/V8", "linux", "arm64", "v8")]
    public void Parse_OsArchVariant_SplitsAndLowercases(string text, string os, string arch, string? variant)
    {
        var p = Platform.Parse(text);

        Assert.Equal((os, arch, variant), (p.Os, p.Architecture, p.Variant));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("/amd64")]
    [InlineData("linux/amd64/v8/x")]
    [InlineData("linux/amd 64")]
    public void Parse_Malformed_ThrowsNamingInput(string text)
    {
        var e = Assert.Throws<FormatException>(() => Platform.Parse(text));

        Assert.Contains($"\"{text}\"", e.Message);
    }

    [Theory]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/x86-64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/amd64/v3", "linux/amd64/v3")]
    [InlineData("linux/i386", "linux/386")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/arm64/8", "linux/arm64")]
    [InlineData("linux/arm64/v8.0", "linux/arm64")]
    [InlineData("linux/arm64/9", "linux/arm64/v9")]
    [InlineData("linux/arm64/v8.2", "linux/arm64/v8.2")]
    [InlineData("linux/armhf", "linux/arm/v7")]
    [InlineData("linux/armel", "linux/arm/v6")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/arm/7", "linux/arm/v7")]
    [InlineData("linux/arm/5", "linux/arm/v5")]
    [InlineData("macos/arm64", "darwin/arm64")]
    [InlineData("LINUX/S390X", "linux/s390x")]
    public void Normalize_Platform_UsesContainerdsCanonicalNames(string text, string normalised)
    {
        var p = Platform.Parse(text);
        var raw = new Platform { Os = text.Split('/')[0], Architecture = p.Architecture, Variant = p.Variant };

        Assert.Equal(normalised, PlatformMatcher.Normalize(raw).ToString());
    }

    [Theory]
    [InlineData(Architecture.X64, "linux/amd64")]
    [InlineData(Architecture.Arm64, "linux/arm64")]
    [InlineData(Architecture.Arm, "linux/arm/v7")]
    [InlineData(Architecture.Armv6, "linux/arm/v6")]
    [InlineData(Architecture.X86, "linux/386")]
    [InlineData(Architecture.S390x, "linux/s390x")]
    [InlineData(Architecture.Ppc64le, "linux/ppc64le")]
    [InlineData(Architecture.RiscV64, "linux/riscv64")]
    [InlineData(Architecture.LoongArch64, "linux/loong64")]
    public void FromArchitecture_DotnetArchitecture_GivesGoName(Architecture architecture, string expected)
    {
        Assert.Equal(expected, HostPlatform.FromArchitecture(architecture).ToString());
    }

    [Fact]
    public void FromArchitecture_Wasm_ThrowsPlatformNotSupported()
    {
        Assert.Throws<PlatformNotSupportedException>(() => HostPlatform.FromArchitecture(Architecture.Wasm));
    }
}
