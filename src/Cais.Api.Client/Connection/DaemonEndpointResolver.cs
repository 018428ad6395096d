namespace Cais.Api.Client.Connection;

/// <summary>
/// Chooses the daemon endpoint from the command line and the environment, in this order:
/// <c>-H</c>, <c>CAIS_HOST</c>, <c>DOCKER_HOST</c>, then <c>unix:///run/cais/cais.sock</c>.
/// TLS follows the docker CLI: <c>--tlsverify</c> (or a non-empty <c>DOCKER_TLS_VERIFY</c>)
/// turns on TLS with verification, giving <c>--tlsverify</c> at all (even <c>=false</c>) turns
/// on TLS, <c>--tls</c> (or <c>DOCKER_TLS</c>) turns on TLS without verification, and the
/// certificate files default to <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> in
/// <c>DOCKER_CERT_PATH</c> or <c>~/.docker</c>; a default client certificate or key that does
/// not exist is left out.
/// </summary>
public static class DaemonEndpointResolver
{
    public const string CaisHostVariable = "CAIS_HOST";
    public const string DockerHostVariable = "DOCKER_HOST";
    public const string TlsVerifyVariable = "DOCKER_TLS_VERIFY";
    public const string TlsVariable = "DOCKER_TLS";
    public const string CertPathVariable = "DOCKER_CERT_PATH";

    /// <summary>Resolves against the process environment.</summary>
    public static DaemonEndpoint Resolve(ConnectionFlags flags) => Resolve(flags, Environment.GetEnvironmentVariable, File.Exists);

    /// <param name="flags">What the command line gave.</param>
    /// <param name="getEnvironment">Reads an environment variable (null or empty means unset).</param>
    /// <param name="fileExists">Whether a default certificate file exists.</param>
    /// <exception cref="FormatException">The chosen address is malformed.</exception>
    public static DaemonEndpoint Resolve(ConnectionFlags flags, Func<string, string?> getEnvironment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(getEnvironment);
        ArgumentNullException.ThrowIfNull(fileExists);

        var tls = ResolveTls(flags, getEnvironment, fileExists);
        var address = NonEmpty(flags.Host)
            ?? NonEmpty(getEnvironment(CaisHostVariable))
            ?? NonEmpty(getEnvironment(DockerHostVariable));
        var endpoint = address is null ? DaemonEndpoint.Default : DaemonEndpoint.Parse(address, useTls: tls is not null);
        return endpoint with { Tls = tls };
    }

    static DaemonTlsOptions? ResolveTls(ConnectionFlags flags, Func<string, string?> getEnvironment, Func<string, bool> fileExists)
    {
        var verify = flags.TlsVerify ?? NonEmpty(getEnvironment(TlsVerifyVariable)) is not null;
        var useTls = flags.TlsVerify.HasValue || verify || (flags.Tls ?? NonEmpty(getEnvironment(TlsVariable)) is not null);
        if (!useTls)
            return null;

        var certDirectory = NonEmpty(getEnvironment(CertPathVariable)) ?? Path.Combine(HomeDirectory(getEnvironment), ".docker");
        var ca = NonEmpty(flags.TlsCaCert) ?? Path.Combine(certDirectory, "ca.pem");
        var cert = NonEmpty(flags.TlsCert) ?? ExistingOrNull(Path.Combine(certDirectory, "cert.pem"), fileExists);
        var key = NonEmpty(flags.TlsKey) ?? ExistingOrNull(Path.Combine(certDirectory, "key.pem"), fileExists);
        return new DaemonTlsOptions(verify, ca, cert, key);
    }

    static string HomeDirectory(Func<string, string?> getEnvironment) =>
        NonEmpty(getEnvironment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    static string? ExistingOrNull(string path, Func<string, bool> fileExists) => fileExists(path) ? path : null;

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
