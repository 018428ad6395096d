namespace Cais.Images.Model;

/// <summary>
/// The <c>{}</c> value of set-like maps: ExposedPorts ({"80/tcp": {}}) and Volumes ({"/data": {}})
/// in image config (Go's map[string]struct{}). Whatever a value holds is ignored when read, as Go
/// ignores it.
/// </summary>
public sealed class EmptyObject
{
    public static readonly EmptyObject Instance = new();

    public override bool Equals(object? obj) => obj is EmptyObject;

    public override int GetHashCode() => 0;
}
