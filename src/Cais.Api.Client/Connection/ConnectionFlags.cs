namespace Cais.Api.Client.Connection;

/// <summary>
/// The connection options of the command line, each null when not given: <c>-H/--host</c>,
/// <c>--tls</c>, <c>--tlsverify</c>, <c>--tlscacert</c>, <c>--tlscert</c>, <c>--tlskey</c>.
/// </summary>
public sealed record ConnectionFlags
{
    public string? Host { get; init; }

    public bool? Tls { get; init; }

    public bool? TlsVerify { get; init; }

    public string? TlsCaCert { get; init; }

    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }
}
