namespace Cais.Api.Hosting;

/// <summary>How many containers exist, by state, for <c>GET /info</c>.</summary>
public sealed record ContainerCounts(int Total, int Running, int Paused, int Stopped)
{
    public static readonly ContainerCounts None = new(0, 0, 0, 0);
}
