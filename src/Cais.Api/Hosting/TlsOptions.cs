namespace Cais.Api.Hosting;

/// <summary>
/// dockerd's TLS flags. A tcp listener needs <see cref="Verify"/>: the server presents
/// <see cref="CertPath"/>/<see cref="KeyPath"/> and accepts only clients whose certificate chains
/// to <see cref="CaCertPath"/> (anyone else who reaches the port would be root on the host).
/// </summary>
public sealed record TlsOptions
{
    public bool Verify { get; init; }

    /// <summary>PEM file of the CA that signs client certificates.</summary>
    public string CaCertPath { get; init; } = "";

    /// <summary>PEM file of the server's certificate.</summary>
    public string CertPath { get; init; } = "";

    /// <summary>PEM file of the server certificate's private key.</summary>
    public string KeyPath { get; init; } = "";

    /// <summary>Docker's defaults: ca.pem, cert.pem and key.pem in $DOCKER_CERT_PATH, else ~/.docker.</summary>
    public static string DefaultCertDir =>
        Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
}
