using Cais.Api.Client.Connection;

namespace Cais.Api.Client.Tests.Connection;

public sealed class DaemonEndpointResolverTests
{
    static DaemonEndpoint Resolve(ConnectionFlags flags, Dictionary<string, string> environment, params string[] existingFiles) =>
        DaemonEndpointResolver.Resolve(flags, name => environment.GetValueOrDefault(name), existingFiles.Contains);

    [Fact]
    public void Resolve_Nothing_IsTheDefaultSocketWithoutTls()
    {
        var endpoint = Resolve(new ConnectionFlags(), []);

        Assert.Equal("unix:///run/cais/cais.sock", endpoint.Uri);
        Assert.Null(endpoint.Tls);
    }

    [Fact]
    public void Resolve_Precedence_FlagThenCaisHostThenDockerHost()
    {
        var environment = new Dictionary<string, string> { ["CAIS_HOST"] = "unix:///cais.sock", ["DOCKER_HOST"] = "unix:///docker.sock" };

        Assert.Equal("unix:///flag.sock", Resolve(new ConnectionFlags { Host = "unix:///flag.sock" }, environment).Uri);
        Assert.Equal("unix:///cais.sock", Resolve(new ConnectionFlags(), environment).Uri);
        environment.Remove("CAIS_HOST");
        Assert.Equal("unix:///docker.sock", Resolve(new ConnectionFlags(), environment).Uri);
    }

    [Fact]
    public void Resolve_EmptyVariables_AreUnset()
    {
        var environment = new Dictionary<string, string> { ["CAIS_HOST"] = "", ["DOCKER_HOST"] = "tcp://h:1", ["DOCKER_TLS_VERIFY"] = "" };

        var endpoint = Resolve(new ConnectionFlags(), environment);

        Assert.Equal("tcp://h:1", endpoint.Uri);
        Assert.Null(endpoint.Tls);
    }

    [Fact]
    public void Resolve_DockerTlsVerify_VerifiesWithCertPathFilesAndTlsPort()
    {
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = "tcp://daemon.example",
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = "/certs",
        };

        var endpoint = Resolve(new ConnectionFlags(), environment, "/certs/cert.pem", "/certs/key.pem");

        Assert.Equal(2376, endpoint.Port);
        Assert.Equal(new DaemonTlsOptions(true, "/certs/ca.pem", "/certs/cert.pem", "/certs/key.pem"), endpoint.Tls);
    }

    [Fact]
    public void Resolve_DockerTlsVerifyAnyValue_TurnsVerificationOn()
    {
        // As in docker: the variable being set is what counts, even to "0".
        var endpoint = Resolve(new ConnectionFlags(), new() { ["DOCKER_TLS_VERIFY"] = "0", ["HOME"] = "/home/u" });

        Assert.True(endpoint.Tls!.Verify);
        Assert.Equal("/home/u/.docker/ca.pem", endpoint.Tls.CaCertPath);
    }

    [Fact]
    public void Resolve_MissingDefaultClientCertificate_IsLeftOut()
    {
        var endpoint = Resolve(new ConnectionFlags { TlsVerify = true }, new() { ["HOME"] = "/home/u" });

        Assert.Null(endpoint.Tls!.CertPath);
        Assert.Null(endpoint.Tls.KeyPath);
        Assert.Equal("/home/u/.docker/ca.pem", endpoint.Tls.CaCertPath);
    }

    [Fact]
    public void Resolve_TlsFlag_TurnsOnTlsWithoutVerification()
    {
        var endpoint = Resolve(new ConnectionFlags { Host = "tcp://h", Tls = true }, new() { ["HOME"] = "/h" });

        Assert.Equal(2376, endpoint.Port);
        Assert.False(endpoint.Tls!.Verify);
    }

    [Fact]
    public void Resolve_TlsVerifyFalseGiven_StillTurnsOnTls()
    {
        // docker: specifying --tlsverify at all, even =false, turns TLS on.
        var endpoint = Resolve(new ConnectionFlags { Host = "tcp://h", TlsVerify = false }, new() { ["DOCKER_TLS_VERIFY"] = "1", ["HOME"] = "/h" });

        Assert.NotNull(endpoint.Tls);
        Assert.False(endpoint.Tls.Verify);
    }

    [Fact]
    public void Resolve_ExplicitCertificateFlags_WinAndAreKeptEvenIfMissing()
    {
        var flags = new ConnectionFlags { Host = "tcp://h:1", TlsVerify = true, TlsCaCert = "/x/ca.pem", TlsCert = "/x/c.pem", TlsKey = "/x/k.pem" };

        var endpoint = Resolve(flags, new() { ["DOCKER_CERT_PATH"] = "/certs" }, "/certs/cert.pem", "/certs/key.pem");

        Assert.Equal(new DaemonTlsOptions(true, "/x/ca.pem", "/x/c.pem", "/x/k.pem"), endpoint.Tls);
    }

    [Fact]
    public void Resolve_DockerTlsVariable_TurnsOnTls()
    {
        var endpoint = Resolve(new ConnectionFlags(), new() { ["DOCKER_TLS"] = "1", ["DOCKER_HOST"] = "tcp://h", ["HOME"] = "/h" });

        Assert.False(endpoint.Tls!.Verify);
        Assert.Equal(2376, endpoint.Port);
    }

    [Fact]
    public void Resolve_MalformedHost_Throws()
    {
        Assert.Throws<FormatException>(() => Resolve(new ConnectionFlags(), new() { ["DOCKER_HOST"] = "ssh://me@box" }));
    }
}
