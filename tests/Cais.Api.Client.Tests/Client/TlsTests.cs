using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cais.Api.Client.Connection;
using Cais.Api.Client.Queries;
using Cais.Api.Client.Tests.Support;
using Cais.TestSupport;

namespace Cais.Api.Client.Tests.Client;

/// <summary>TCP with TLS, against certificates made for the test: a CA, a server certificate for 127.0.0.1, a client certificate.</summary>
public sealed class TlsTests : IDisposable
{
    readonly TempDir directory = new("cais-tls-");
    readonly X509Certificate2 ca;
    readonly X509Certificate2 server;
    readonly string caPath;
    readonly string clientCertPath;
    readonly string clientKeyPath;

    public TlsTests()
    {
        ca = CreateCa("cais test CA");
        server = Issue(ca, "daemon", san =>
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        }, serverAuth: true);
        var client = Issue(ca, "cais client", _ => { }, serverAuth: false);
        caPath = directory.Combine("ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        clientCertPath = directory.Combine("cert.pem");
        clientKeyPath = directory.Combine("key.pem");
        File.WriteAllText(clientCertPath, client.ExportCertificatePem());
        File.WriteAllText(clientKeyPath, client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    static X509Certificate2 Issue(X509Certificate2 issuer, string name, Action<SubjectAlternativeNameBuilder> names, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    DaemonEndpoint Endpoint(RawHttpServer daemon, DaemonTlsOptions tls, string host = "127.0.0.1") =>
        DaemonEndpoint.Tcp(host, daemon.Port) with { Tls = tls };

    static Task Answer(RawHttpExchange exchange) => exchange.Request.Path switch
    {
        "/_ping" => exchange.RespondAsync(200, "OK", "text/plain", ("Api-Version", "1.47")),
        "/v1.47/containers/c1/attach" => HijackTests.EchoSessionAsync(exchange),
        _ => exchange.RespondAsync(200, """[{"Id": "c1", "Names": ["/tls"]}]"""),
    };

    [Fact]
    public async Task Verify_WithTheCa_CallsAndHijacksWithHalfClose()
    {
        await using var daemon = RawHttpServer.StartTcp(Answer, server);
        using var client = new EngineClient(Endpoint(daemon, new DaemonTlsOptions(true, caPath, null, null)));

        var rows = await client.ListContainersAsync(new ContainerListOptions { All = true });
        await using var session = await client.AttachContainerAsync("c1", new ContainerAttachOptions { Stdin = true });
        var (stdout, stderr) = await HijackTests.TalkAsync(session, "over tls");

        Assert.Equal("/tls", rows.Single().Names.Single());
        Assert.Equal("hello OVER TLS", stdout);
        Assert.Equal("bye", stderr);
    }

    [Fact]
    public async Task Verify_ClientCertificate_IsPresented()
    {
        string? presented = null;
        await using var daemon = RawHttpServer.StartTcp(Answer, server, certificate =>
        {
            presented = certificate?.Subject;
            return certificate is not null;
        });
        using var client = new EngineClient(Endpoint(daemon, new DaemonTlsOptions(true, caPath, clientCertPath, clientKeyPath)));

        await client.PingAsync();

        Assert.Equal("CN=cais client", presented);
    }

    [Fact]
    public async Task Verify_UnknownCa_FailsTheHandshake()
    {
        var otherCaPath = directory.Combine("other-ca.pem");
        File.WriteAllText(otherCaPath, CreateCa("someone else").ExportCertificatePem());
        await using var daemon = RawHttpServer.StartTcp(Answer, server);
        using var client = new EngineClient(Endpoint(daemon, new DaemonTlsOptions(true, otherCaPath, null, null)));

        var e = await Assert.ThrowsAsync<DaemonConnectionException>(() => client.PingAsync());

        Assert.Contains($"TLS handshake with tcp://127.0.0.1:{daemon.Port} failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NameMismatch_FailsEvenWithTheCa()
    {
        var otherName = Issue(ca, "elsewhere", san => san.AddDnsName("elsewhere.example"), serverAuth: true);
        await using var daemon = RawHttpServer.StartTcp(Answer, otherName);
        using var client = new EngineClient(Endpoint(daemon, new DaemonTlsOptions(true, caPath, null, null)));

        await Assert.ThrowsAsync<DaemonConnectionException>(() => client.PingAsync());
    }

    [Fact]
    public async Task NoVerify_AcceptsAnyCertificate()
    {
        var stranger = Issue(CreateCa("stranger"), "x", san => san.AddDnsName("x.example"), serverAuth: true);
        await using var daemon = RawHttpServer.StartTcp(Answer, stranger);
        using var client = new EngineClient(Endpoint(daemon, new DaemonTlsOptions(false, null, null, null)));

        var ping = await client.PingAsync();

        Assert.Equal(new ApiVersion(1, 47), ping.ApiVersion);
    }

    [Fact]
    public void MissingCaFile_IsReportedWithItsPath()
    {
        var missing = directory.Combine("nope.pem");

        var e = Assert.Throws<DaemonConnectionException>(() =>
            new EngineClient(DaemonEndpoint.Tcp("127.0.0.1", 2376) with { Tls = new DaemonTlsOptions(true, missing, null, null) }));

        Assert.Contains($"could not read CA certificate \"{missing}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateWithoutKey_IsReported()
    {
        var e = Assert.Throws<DaemonConnectionException>(() =>
            new EngineClient(DaemonEndpoint.Tcp("127.0.0.1", 2376) with { Tls = new DaemonTlsOptions(false, null, clientCertPath, null) }));

        Assert.Contains("needs both a certificate and a key", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        ca.Dispose();
        server.Dispose();
        directory.Dispose();
    }
}
