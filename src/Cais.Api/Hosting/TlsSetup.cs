using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Cais.Api.Hosting;

/// <summary>
/// TLS for a tcp listener as dockerd's --tlsverify sets it up: the server's certificate and key,
/// and a client certificate required and verified against the CA (Go's RequireAndVerifyClientCert).
/// </summary>
internal static class TlsSetup
{
    static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static HttpsConnectionAdapterOptions Create(TlsOptions tls)
    {
        if (!tls.Verify)
            throw new InvalidParameterException("a tcp listener needs --tlsverify: without client certificates anyone who reaches the port is root on this host");
        var caCerts = new X509Certificate2Collection();
        try
        {
            caCerts.ImportFromPemFile(Require(tls.CaCertPath, "CA certificate", "--tlscacert"));
        }
        catch (CryptographicException e)
        {
            throw new InvalidParameterException($"could not read CA certificate \"{tls.CaCertPath}\": {e.Message}");
        }
        if (caCerts.Count == 0) throw new InvalidParameterException($"could not read CA certificate \"{tls.CaCertPath}\": no certificate in the file");
        X509Certificate2 serverCert;
        try
        {
            serverCert = X509Certificate2.CreateFromPemFile(Require(tls.CertPath, "server certificate", "--tlscert"), Require(tls.KeyPath, "server key", "--tlskey"));
        }
        catch (CryptographicException e)
        {
            throw new InvalidParameterException($"could not load X509 key pair ({tls.CertPath}, {tls.KeyPath}): {e.Message}");
        }
        return new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serverCert,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CheckCertificateRevocation = false,
            ClientCertificateValidation = (certificate, _, _) => IsSignedByCa(certificate, caCerts),
        };
    }

    static string Require(string path, string what, string flag)
    {
        if (string.IsNullOrEmpty(path)) throw new InvalidParameterException($"--tlsverify needs the {what}: give {flag}");
        if (!File.Exists(path)) throw new InvalidParameterException($"could not read {what} \"{path}\": open {path}: no such file or directory");
        return path;
    }

    /// <summary>True when the client's certificate chains to one of the CA certificates (and only those).</summary>
    internal static bool IsSignedByCa(X509Certificate2 certificate, X509Certificate2Collection caCerts)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(caCerts);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }
}
