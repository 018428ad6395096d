namespace Cais.Api.Client.Connection;

/// <summary>
/// TLS to the daemon, as the docker CLI's <c>--tls</c>, <c>--tlsverify</c>, <c>--tlscacert</c>,
/// <c>--tlscert</c> and <c>--tlskey</c> set it up.
/// </summary>
/// <param name="Verify">Check the daemon's certificate and name (<c>--tlsverify</c>); without it any certificate is accepted.</param>
/// <param name="CaCertPath">PEM file of extra trusted CA certificates, used with <paramref name="Verify"/>; the system's roots are trusted too.</param>
/// <param name="CertPath">PEM file of the client certificate; null for none.</param>
/// <param name="KeyPath">PEM file of the client certificate's private key.</param>
public sealed record DaemonTlsOptions(bool Verify, string? CaCertPath, string? CertPath, string? KeyPath);
