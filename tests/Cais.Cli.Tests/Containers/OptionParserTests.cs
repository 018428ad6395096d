using Cais.Cli.Containers;
using Cais.Cli.Containers.Options;

namespace Cais.Cli.Tests.Containers;

/// <summary>The value parsers of run/create flags, with docker's results and error words.</summary>
public class OptionParserTests
{
    [Theory]
    [InlineData("64m", 64L * 1024 * 1024)]
    [InlineData("64M", 64L * 1024 * 1024)]
    [InlineData("1.5g", 1536L * 1024 * 1024)]
    [InlineData("10k", 10240)]
    [InlineData("10kb", 10240)]
    [InlineData("10KiB", 10240)]
    [InlineData("1024", 1024)]
    [InlineData("512b", 512)]
    [InlineData("2t", 2L * 1024 * 1024 * 1024 * 1024)]
    public void ByteSizes_Parse_BinaryUnits(string text, long expected) => Assert.Equal(expected, ByteSizes.Parse(text));

    [Theory]
    [InlineData("1x", "invalid suffix: 'x'")]
    [InlineData("abc", "invalid size: 'abc'")]
    [InlineData("", "invalid size: ''")]
    [InlineData("10mbx", "invalid suffix: 'mbx'")]
    public void ByteSizes_Parse_Malformed_ThrowsWithGoUnitsWords(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ByteSizes.Parse(text)).Message);

    [Fact]
    public void ByteSizes_ParseSwap_MinusOneIsUnlimited() => Assert.Equal(-1, ByteSizes.ParseSwap("-1"));

    [Theory]
    [InlineData("1.5", 1_500_000_000)]
    [InlineData("2", 2_000_000_000)]
    [InlineData("0.001", 1_000_000)]
    [InlineData("3/2", 1_500_000_000)]
    [InlineData("0.000000001", 1)]
    public void NanoCpus_Parse_Decimals(string text, long expected) => Assert.Equal(expected, NanoCpus.Parse(text));

    [Fact]
    public void NanoCpus_Parse_NotANumber_Throws() =>
        Assert.Equal("failed to parse abc as a rational number", Assert.Throws<FormatException>(() => NanoCpus.Parse("abc")).Message);

    [Fact]
    public void NanoCpus_Parse_FinerThanNanoCpu_Throws() =>
        Assert.Equal("value is too precise", Assert.Throws<FormatException>(() => NanoCpus.Parse("0.0000000001")).Message);

    [Fact]
    public void Ulimit_Parse_SoftAndHard()
    {
        var u = UlimitOption.Parse("nofile=1024:2048");
        Assert.Equal(("nofile", 1024L, 2048L), (u.Name, u.Soft, u.Hard));
    }

    [Fact]
    public void Ulimit_Parse_SoftOnly_HardIsSoft()
    {
        var u = UlimitOption.Parse("nproc=64");
        Assert.Equal((64L, 64L), (u.Soft, u.Hard));
    }

    [Theory]
    [InlineData("nofile", "invalid ulimit argument: nofile")]
    [InlineData("files=1", "invalid ulimit type: files")]
    [InlineData("nofile=1:2:3", "too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`")]
    [InlineData("nofile=20:10", "ulimit soft limit must be less than or equal to hard limit: 20 > 10")]
    [InlineData("nofile=a", "strconv.ParseInt: parsing \"a\": invalid syntax")]
    public void Ulimit_Parse_Malformed_Throws(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => UlimitOption.Parse(text)).Message);

    [Fact]
    public void Ulimit_Merge_LaterValueOfANameWins()
    {
        var list = UlimitOption.Merge([], UlimitOption.Parse("nofile=1"));
        UlimitOption.Merge(list, UlimitOption.Parse("nofile=2"));
        Assert.Equal(2, Assert.Single(list).Soft);
    }

    [Theory]
    [InlineData("on-failure:3", "on-failure", 3)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("no", "no", 0)]
    public void RestartPolicy_Parse(string text, string name, int retries)
    {
        var p = RestartPolicyOption.Parse(text);
        Assert.Equal((name, retries), (p.Name, p.MaximumRetryCount));
    }

    [Theory]
    [InlineData(":3", "invalid restart policy format: no policy provided before colon")]
    [InlineData("on-failure:x", "invalid restart policy format: maximum retry count must be an integer")]
    public void RestartPolicy_Parse_Malformed_Throws(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOptionException>(() => RestartPolicyOption.Parse(text)).Message);

    [Theory]
    [InlineData("1m30s", 90_000_000_000)]
    [InlineData("300ms", 300_000_000)]
    [InlineData("1.5h", 5_400_000_000_000)]
    [InlineData("0", 0)]
    [InlineData("2us", 2_000)]
    [InlineData("-1s", -1_000_000_000)]
    public void GoDuration_Parse(string text, long nanos) => Assert.Equal(nanos, GoDuration.ParseNanoseconds(text));

    [Theory]
    [InlineData("10", "time: missing unit in duration \"10\"")]
    [InlineData("10x", "time: unknown unit \"x\" in duration \"10x\"")]
    [InlineData("abc", "time: invalid duration \"abc\"")]
    [InlineData("", "time: invalid duration \"\"")]
    public void GoDuration_Parse_Malformed_Throws(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => GoDuration.ParseNanoseconds(text)).Message);

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(90_000_000_000, "1m30s")]
    [InlineData(1_500_000_000, "1.5s")]
    [InlineData(300_000_000, "300ms")]
    [InlineData(3_600_000_000_000, "1h0m0s")]
    public void GoDuration_Format_AsGo(long nanos, string text) => Assert.Equal(text, GoDuration.Format(nanos));

    [Fact]
    public void TimeArgument_Duration_CountsBackFromNow()
    {
        var now = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal("1704162125.000000000", TimeArgument.ToUnixTimestamp("42m", now, "since"));
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "1704164645.000000000")]
    [InlineData("2024-01-02T03:04:05.5Z", "1704164645.500000000")]
    [InlineData("2024-01-02T05:04:05+02:00", "1704164645.000000000")]
    [InlineData("1704164645", "1704164645")]
    [InlineData("1704164645.25", "1704164645.25")]
    public void TimeArgument_TimesAndTimestamps(string text, string expected) =>
        Assert.Equal(expected, TimeArgument.ToUnixTimestamp(text, DateTimeOffset.UnixEpoch, "since"));

    [Fact]
    public void TimeArgument_Garbage_Throws() =>
        Assert.Equal("invalid value for \"until\": failed to parse value as time or duration: \"soon\"",
            Assert.Throws<InvalidOptionException>(() => TimeArgument.ToUnixTimestamp("soon", DateTimeOffset.UnixEpoch, "until")).Message);

    [Fact]
    public void PortSpecs_Publish_HostAndContainer()
    {
        var p = new PortSpecs();
        p.Publish("8080:80");
        p.Publish("127.0.0.1:5353:53/udp");
        p.Publish("[::1]:9000:90");
        p.Publish("443");
        Assert.Equal(["443/tcp", "53/udp", "80/tcp", "90/tcp"], p.Exposed.Keys.Order());
        Assert.Equal(("", "8080"), Binding(p, "80/tcp"));
        Assert.Equal(("127.0.0.1", "5353"), Binding(p, "53/udp"));
        Assert.Equal(("::1", "9000"), Binding(p, "90/tcp"));
        Assert.Equal(("", ""), Binding(p, "443/tcp"));
    }

    [Fact]
    public void PortSpecs_Publish_RangesPairUp()
    {
        var p = new PortSpecs();
        p.Publish("8000-8001:80-81");
        Assert.Equal(("", "8000"), Binding(p, "80/tcp"));
        Assert.Equal(("", "8001"), Binding(p, "81/tcp"));
    }

    [Fact]
    public void PortSpecs_Publish_LongForm()
    {
        var p = new PortSpecs();
        p.Publish("published=8080,target=80,protocol=udp");
        Assert.Equal(("", "8080"), Binding(p, "80/udp"));
    }

    [Theory]
    [InlineData("8080:x", "invalid containerPort: x")]
    [InlineData("8000-8002:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8000-8002")]
    [InlineData("80/icmp", "invalid proto: icmp")]
    public void PortSpecs_Publish_Malformed_Throws(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOptionException>(() => new PortSpecs().Publish(spec)).Message);

    [Fact]
    public void PortSpecs_Expose_Range()
    {
        var p = new PortSpecs();
        p.Expose("7000-7002/udp");
        Assert.Equal(["7000/udp", "7001/udp", "7002/udp"], p.Exposed.Keys.Order());
        Assert.Throws<InvalidOptionException>(() => p.Expose("1:2"));
    }

    [Fact]
    public void Mount_Parse_Bind()
    {
        var m = MountOption.Parse("type=bind,source=/src,target=/dst,readonly,bind-propagation=rshared");
        Assert.Equal(("bind", "/src", "/dst", true, "rshared"), (m.Type, m.Source, m.Target, m.ReadOnly, m.BindOptions?.Propagation));
    }

    [Fact]
    public void Mount_Parse_TmpfsWithSizeAndMode()
    {
        var m = MountOption.Parse("type=tmpfs,dst=/run,tmpfs-size=64m,tmpfs-mode=1770");
        Assert.Equal((64L * 1024 * 1024, 0x3F8u), (m.TmpfsOptions!.SizeBytes, m.TmpfsOptions.Mode));
    }

    [Fact]
    public void Mount_Parse_DefaultsToVolume()
    {
        var m = MountOption.Parse("src=data,dst=/data,volume-label=a=b");
        Assert.Equal(("volume", "data", "b"), (m.Type, m.Source, m.VolumeOptions!.Labels!["a"]));
    }

    [Theory]
    [InlineData("type=bind,source=/x", "target is required")]
    [InlineData("type=bind,dst=/x,colour=red", "unexpected key 'colour' in 'colour=red'")]
    [InlineData("type=tmpfs,dst=/x,volume-nocopy", "cannot mix 'volume-*' options with mount type 'tmpfs'")]
    public void Mount_Parse_Malformed_Throws(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => MountOption.Parse(text)).Message);

    [Fact]
    public void Device_Parse_Forms()
    {
        var a = DeviceOptions.ParseDevice("/dev/fuse");
        var b = DeviceOptions.ParseDevice("/dev/sda:/dev/xvda:r");
        var c = DeviceOptions.ParseDevice("/dev/null:rw");
        Assert.Equal(("/dev/fuse", "/dev/fuse", "rwm"), (a.PathOnHost, a.PathInContainer, a.CgroupPermissions));
        Assert.Equal(("/dev/sda", "/dev/xvda", "r"), (b.PathOnHost, b.PathInContainer, b.CgroupPermissions));
        Assert.Equal(("/dev/null", "/dev/null", "rw"), (c.PathOnHost, c.PathInContainer, c.CgroupPermissions));
    }

    [Fact]
    public void ThrottleDevice_Parse_BpsTakesSizes() =>
        Assert.Equal(1024UL * 1024, DeviceOptions.ParseBpsDevice("/dev/sda:1mb").Rate);

    [Theory]
    [InlineData("stdin", "stdin")]
    [InlineData("STDOUT", "stdout")]
    public void AttachStream_AnyCase(string text, string expected) => Assert.Equal(expected, ListValidators.AttachStream(text));

    [Fact]
    public void AttachStream_Unknown_Throws() =>
        Assert.Equal("valid streams are STDIN, STDOUT and STDERR", Assert.Throws<FormatException>(() => ListValidators.AttachStream("foo")).Message);

    [Theory]
    [InlineData("db:10.0.0.2", "db:10.0.0.2")]
    [InlineData("db=10.0.0.2", "db:10.0.0.2")]
    [InlineData("v6:[::1]", "v6:::1")]
    [InlineData("gw:host-gateway", "gw:host-gateway")]
    public void ExtraHost_Normalised(string text, string expected) => Assert.Equal(expected, ListValidators.ExtraHost(text));

    [Fact]
    public void ExtraHost_BadAddress_Throws() => Assert.Throws<FormatException>(() => ListValidators.ExtraHost("db:nowhere"));

    static (string Ip, string Port) Binding(PortSpecs p, string key)
    {
        var b = Assert.Single(p.Bindings[key]!);
        return (b.HostIp, b.HostPort);
    }
}
