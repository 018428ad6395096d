namespace Cais.Api.Models.Containers;

/// <summary>
/// The <c>{}</c> values of Docker's set-like maps (<c>ExposedPorts</c>: <c>"80/tcp": {}</c>,
/// <c>Volumes</c>: <c>"/data": {}</c>). Go spells these <c>map[string]struct{}</c>; only the keys mean anything.
/// </summary>
public sealed class EmptyObject
{
    /// <summary>One shared instance: the value carries no data, so every entry can point at it.</summary>
    public static readonly EmptyObject Instance = new();
}
