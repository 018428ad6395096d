using System.Security.Cryptography;
using System.Text;

namespace Cais.Images.Model;

/// <summary>
/// Chain IDs name a stack of layers, so a snapshot unpacked once serves every image that shares
/// its base (OCI image-spec config.md "Layer ChainID"):
/// ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)), where the
/// digests are hashed in their "sha256:hex" text form.
/// </summary>
public static class ChainIds
{
    public static IReadOnlyList<Digest> Compute(IReadOnlyList<Digest> diffIds)
    {
        var chain = new Digest[diffIds.Count];
        for (int i = 0; i < chain.Length; i++)
            chain[i] = i == 0 ? diffIds[0] : Next(chain[i - 1], diffIds[i]);
        return chain;
    }

    /// <summary>The chain ID of <paramref name="parent"/> with <paramref name="diffId"/> on top.</summary>
    public static Digest Next(Digest parent, Digest diffId) =>
        Digest.FromHash(SHA256.HashData(Encoding.ASCII.GetBytes($"{parent} {diffId}")));
}
