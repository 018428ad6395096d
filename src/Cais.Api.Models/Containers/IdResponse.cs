namespace Cais.Api.Models.Containers;

/// <summary>The 201 answer of <c>POST /commit</c>: the new image's ID, "sha256:..." (swagger <c>IdResponse</c>).</summary>
public sealed class IdResponse
{
    public string Id { get; set; } = "";
}
