using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cais.Api.Hosting;
using Cais.Engine;
using Cais.Engine.Errors;
using Cais.TestSupport;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Tests.Server;

/// <summary>tcp with --tlsverify: only clients with a certificate from the daemon's CA get in.</summary>
public class TlsTests : IDisposable
{
    readonly TempDir dir = new("cais-tls-");

    public void Dispose() => dir.Dispose();

    static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    static X509Certificate2 Issue(X509Certificate2 ca, string name, bool server)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static HttpClient Client(int port, X509Certificate2 ca, X509Certificate2? clientCert)
    {
        var handler = new SocketsHttpHandler();
        if (clientCert is not null) handler.SslOptions.ClientCertificates = [clientCert];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 c && chain.Build(c);
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    [RootFact]
    public async Task TlsVerify_OnlyClientsWithTheCasCertificate()
    {
        var ca = MakeCa("cais test CA");
        var server = Issue(ca, "cais daemon", server: true);
        var client = Issue(ca, "docker client", server: false);
        var rogueCa = MakeCa("someone else");
        var rogue = Issue(rogueCa, "intruder", server: false);
        File.WriteAllText(dir.Combine("ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(dir.Combine("cert.pem"), server.ExportCertificatePem());
        File.WriteAllText(dir.Combine("key.pem"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var port = FreePort();
        using var engine = new CaisEngine(new EngineOptions { DataRoot = dir.Combine("root"), ExecRoot = dir.Combine("exec") });
        await using var api = await ApiServer.StartAsync(new ApiServerOptions
        {
            Hosts = [ListenAddress.Parse($"tcp://127.0.0.1:{port}")],
            Tls = new TlsOptions { Verify = true, CaCertPath = dir.Combine("ca.pem"), CertPath = dir.Combine("cert.pem"), KeyPath = dir.Combine("key.pem") },
            LogWriter = TextWriter.Null,
        }, engine);

        using (var trusted = Client(port, ca, client))
        using (var response = await trusted.GetAsync("/v1.47/_ping"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        }
        using (var anonymous = Client(port, ca, null))
            await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/_ping"));
        using (var intruder = Client(port, ca, rogue))
            await Assert.ThrowsAsync<HttpRequestException>(() => intruder.GetAsync("/_ping"));
    }

    [RootFact]
    public async Task Tcp_WithoutTls_RefusedBeforeListening()
    {
        using var engine = new CaisEngine(new EngineOptions { DataRoot = dir.Combine("root"), ExecRoot = dir.Combine("exec") });
        var port = FreePort();
        var e = await Assert.ThrowsAsync<InvalidParameterException>(() => ApiServer.StartAsync(new ApiServerOptions
        {
            Hosts = [ListenAddress.Parse($"tcp://127.0.0.1:{port}")],
            LogWriter = TextWriter.Null,
        }, engine));
        Assert.Contains("without --tlsverify", e.Message);
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [RootFact]
    public async Task TlsVerify_MissingCaFile_NamesIt()
    {
        using var engine = new CaisEngine(new EngineOptions { DataRoot = dir.Combine("root"), ExecRoot = dir.Combine("exec") });
        var e = await Assert.ThrowsAsync<InvalidParameterException>(() => ApiServer.StartAsync(new ApiServerOptions
        {
            Hosts = [ListenAddress.Parse("tcp://127.0.0.1:1")],
            Tls = new TlsOptions { Verify = true, CaCertPath = dir.Combine("nope.pem"), CertPath = dir.Combine("c.pem"), KeyPath = dir.Combine("k.pem") },
            LogWriter = TextWriter.Null,
        }, engine));
        Assert.Contains("could not read CA certificate", e.Message);
        Assert.Contains("nope.pem", e.Message);
    }
}
