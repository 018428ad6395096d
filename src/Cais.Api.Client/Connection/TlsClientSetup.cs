using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cais.Api.Client.Connection;

/// <summary>
/// The certificates of a TLS connection to the daemon, loaded once from their PEM files. As with
/// docker's <c>--tlsverify</c>, the daemon's certificate must chain to the system's roots or to
/// the given CA, and must name the host; without verification anything is accepted.
/// </summary>
sealed class TlsClientSetup
{
    readonly DaemonTlsOptions options;
    readonly string targetHost;
    readonly X509Certificate2Collection trustedCas = [];
    readonly X509Certificate2? clientCertificate;

    TlsClientSetup(DaemonTlsOptions options, string targetHost, X509Certificate2? clientCertificate)
    {
        this.options = options;
        this.targetHost = targetHost;
        this.clientCertificate = clientCertificate;
    }

    public static TlsClientSetup Load(DaemonTlsOptions options, DaemonEndpoint endpoint)
    {
        var setup = new TlsClientSetup(options, endpoint.Host ?? "localhost", LoadClientCertificate(options));
        if (options.Verify && options.CaCertPath is { } caPath)
        {
            try
            {
                setup.trustedCas.ImportFromPemFile(caPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new DaemonConnectionException($"could not read CA certificate \"{caPath}\": {e.Message}", e);
            }
            if (setup.trustedCas.Count == 0)
                throw new DaemonConnectionException($"could not read CA certificate \"{caPath}\": no certificate in the file");
        }
        return setup;
    }

    static X509Certificate2? LoadClientCertificate(DaemonTlsOptions options)
    {
        if (options.CertPath is null && options.KeyPath is null)
            return null;
        if (options.CertPath is null || options.KeyPath is null)
            throw new DaemonConnectionException(
                $"a client certificate needs both a certificate and a key file (got {options.CertPath ?? "no certificate"} and {options.KeyPath ?? "no key"})");
        try
        {
            return X509Certificate2.CreateFromPemFile(options.CertPath, options.KeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new DaemonConnectionException(
                $"could not load X509 key pair (cert: \"{options.CertPath}\", key: \"{options.KeyPath}\"): {e.Message}", e);
        }
    }

    public SslClientAuthenticationOptions CreateOptions() => new()
    {
        TargetHost = targetHost,
        ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        RemoteCertificateValidationCallback = Validate,
    };

    bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!options.Verify || errors == SslPolicyErrors.None)
            return true;
        // A name mismatch or a missing certificate is never fine; an unknown root may be our CA.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || trustedCas.Count == 0)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
