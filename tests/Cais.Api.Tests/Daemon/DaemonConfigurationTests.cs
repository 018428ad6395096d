using Cais.CommandLine;
using Cais.Daemon;
using Cais.Engine.Errors;
using Cais.TestSupport;
using Microsoft.Extensions.Logging;

namespace Cais.Api.Tests.Daemon;

public class DaemonConfigurationTests : IDisposable
{
    readonly TempDir dir = new("cais-daemon-config-");

    public void Dispose() => dir.Dispose();

    string ConfigFile(string json)
    {
        var path = dir.Combine("daemon.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Parse_ExplicitConfigFileMissing_Error()
    {
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["--config-file", dir.Combine("absent.json")]));
        Assert.Contains("absent.json", e.Message);
    }

    [Fact]
    public void Parse_Flags_Applied()
    {
        var options = DaemonConfiguration.Parse([
            "-H", "unix:///tmp/a.sock", "--host", "unix:///tmp/b.sock", "--root", "/tmp/data", "--exec-root", "/tmp/exec",
            "-D", "--pidfile", "/tmp/p.pid", "--config-file", ConfigFile("{}"),
        ]).Options;
        Assert.Equal(["/tmp/a.sock", "/tmp/b.sock"], options.Hosts.Select(h => h.SocketPath));
        Assert.Equal("/tmp/data", options.DataRoot);
        Assert.Equal("/tmp/exec", options.ExecRoot);
        Assert.True(options.Debug);
        Assert.Equal(LogLevel.Debug, options.LogLevel);
        Assert.Equal("/tmp/p.pid", options.EffectivePidFile);
    }

    [Fact]
    public void Parse_DataRootAlias_SameAsRoot()
    {
        var options = DaemonConfiguration.Parse(["--data-root", "/tmp/d2", "--config-file", ConfigFile("{}")]).Options;
        Assert.Equal("/tmp/d2", options.DataRoot);
    }

    [Fact]
    public void Parse_File_Applied()
    {
        var file = ConfigFile("""{"hosts":["unix:///tmp/f.sock"],"data-root":"/tmp/fd","exec-root":"/tmp/fe","log-level":"warn","debug":false}""");
        var options = DaemonConfiguration.Parse(["--config-file", file]).Options;
        Assert.Equal("/tmp/f.sock", options.Hosts.Single().SocketPath);
        Assert.Equal("/tmp/fd", options.DataRoot);
        Assert.Equal(LogLevel.Warning, options.LogLevel);
        Assert.Equal("/tmp/fe/cais.pid", options.EffectivePidFile);
    }

    [Fact]
    public void Parse_SameSettingAsFlagAndInFile_ErrorNamesIt()
    {
        var file = ConfigFile("""{"hosts":["tcp://0.0.0.0:2376"],"debug":true}""");
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["-H", "unix:///tmp/x.sock", "--config-file", file]));
        Assert.Equal(
            $"unable to configure the cais daemon with file {file}: the following directives are specified both as a flag and in the configuration file: " +
            "hosts: (from flag: [unix:///tmp/x.sock], from file: [tcp://0.0.0.0:2376])",
            e.Message);
    }

    [Fact]
    public void Parse_DataRootAsFlagAndInFile_ErrorNamesTheFileKey()
    {
        var file = ConfigFile("""{"data-root":"/var/lib/other"}""");
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["--root", "/tmp/r", "--config-file", file]));
        Assert.Contains("data-root: (from flag: /tmp/r, from file: /var/lib/other)", e.Message);
    }

    [Fact]
    public void Parse_UnknownKey_Error()
    {
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["--config-file", ConfigFile("""{"storage-driver":"overlay2","hosts":[]}""")]));
        Assert.EndsWith("the following directives don't match any configuration option: storage-driver", e.Message);
    }

    [Theory]
    [InlineData("""{"debug":"yes"}""", "\"debug\" must be true or false")]
    [InlineData("""{"hosts":"unix:///x"}""", "\"hosts\" must be an array of strings")]
    [InlineData("""{"data-root":5}""", "\"data-root\" must be a string")]
    [InlineData("""{"debug":true""", "unable to configure")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"log-level":"loud"}""", "unable to parse logging level: loud")]
    public void Parse_BadValue_ErrorNamesTheKey(string json, string expected)
    {
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["--config-file", ConfigFile(json)]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_TcpWithoutTlsVerify_Refused()
    {
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["-H", "tcp://0.0.0.0:2376", "--config-file", ConfigFile("{}")]));
        Assert.Contains("refusing to listen on tcp://0.0.0.0:2376 without --tlsverify", e.Message);
    }

    [Fact]
    public void Parse_TlsVerify_FilesFromFlags()
    {
        var options = DaemonConfiguration.Parse([
            "-H", "tcp://127.0.0.1:2376", "--tlsverify", "--tlscacert", "/c/ca.pem", "--tlscert", "/c/cert.pem", "--tlskey", "/c/key.pem",
            "--config-file", ConfigFile("{}"),
        ]).Options;
        Assert.True(options.Tls!.Verify);
        Assert.Equal("/c/ca.pem", options.Tls.CaCertPath);
        Assert.Equal("/c/key.pem", options.Tls.KeyPath);
    }

    [Fact]
    public void Parse_UnknownFlag_FlagException()
    {
        Assert.Throws<FlagException>(() => DaemonConfiguration.Parse(["--bogus"]));
        Assert.Throws<FlagException>(() => DaemonConfiguration.Parse(["extra-argument"]));
    }

    [Fact]
    public void Parse_BadHost_NamesIt()
    {
        var e = Assert.Throws<InvalidParameterException>(() => DaemonConfiguration.Parse(["-H", "fd://", "--config-file", ConfigFile("{}")]));
        Assert.Contains("fd://", e.Message);
    }
}
