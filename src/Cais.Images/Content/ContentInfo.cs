namespace Cais.Images.Content;

/// <summary>A stored blob: its digest and size in bytes (containerd content.Info, reduced).</summary>
public sealed record ContentInfo(Digest Digest, long Size);
