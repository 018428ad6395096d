using System.Diagnostics.CodeAnalysis;

namespace Cais.Images.Model;

/// <summary>
/// Chooses the manifest for one platform from an index (containerd platforms.Only and
/// images.Manifest): exact matches first, then the older platforms the CPU also runs (see
/// <see cref="PlatformRules.Vector"/>), then entries that name no platform at all. Attestation
/// manifests are never chosen.
/// </summary>
public sealed class PlatformMatcher
{
    /// <summary>The annotation BuildKit puts on attestation manifests (buildkit docs/attestations/attestation-storage.md).</summary>
    public const string ReferenceTypeAnnotation = "vnd.docker.reference.type";

    public const string AttestationManifest = "attestation-manifest";

    readonly List<Platform> _vector;

    public PlatformMatcher(Platform wanted)
    {
        Wanted = PlatformRules.Normalize(wanted);
        // Matched normalised, as containerd's NewMatcher does: arm64/v8 in the vector is arm64.
        _vector = [.. PlatformRules.Vector(Wanted).Select(PlatformRules.Normalize)];
    }

    /// <summary>The running machine's platform (linux/amd64 on x86-64).</summary>
    public static PlatformMatcher Host { get; } = new(HostPlatform.Current);

    /// <summary>The wanted platform, normalised.</summary>
    public Platform Wanted { get; }

    /// <summary>Canonical names for a platform (containerd platforms.Normalize).</summary>
    public static Platform Normalize(Platform platform) => PlatformRules.Normalize(platform);

    public bool Matches(Platform platform) => Rank(platform) >= 0;

    /// <summary>0 for the wanted platform, higher for less preferred compatible ones, -1 when it does not run.</summary>
    public int Rank(Platform platform) => _vector.FindIndex(v => PlatformRules.Same(v, platform));

    /// <summary>
    /// BuildKit attaches provenance and SBOMs as manifests in the index, marked by the
    /// reference-type annotation and the platform unknown/unknown; they are not runnable images.
    /// </summary>
    public static bool IsAttestation(Descriptor descriptor) =>
        descriptor.Annotations?.GetValueOrDefault(ReferenceTypeAnnotation) == AttestationManifest
        || descriptor.Platform is { Os: "unknown", Architecture: "unknown" };

    public bool TryChoose(ImageIndex index, [NotNullWhen(true)] out Descriptor? chosen)
    {
        chosen = null;
        int bestRank = int.MaxValue;
        int bestFeatures = -1;
        foreach (var d in index.Manifests)
        {
            if (!(MediaTypes.IsManifest(d.MediaType) || MediaTypes.IsIndex(d.MediaType)) || IsAttestation(d)) continue;

            // containerd sorts entries without a platform after every match, but keeps them.
            int rank = d.Platform is null ? _vector.Count : Rank(d.Platform);
            if (rank < 0) continue;

            // Among equal matches, more OS features is the closer fit (compare.go Less); the
            // first listed wins a tie.
            int features = d.Platform?.OsFeatures?.Count ?? 0;
            if (rank < bestRank || (rank == bestRank && features > bestFeatures))
            {
                (chosen, bestRank, bestFeatures) = (d, rank, features);
            }
        }
        return chosen is not null;
    }

    /// <summary>
    /// The best manifest (or nested index) for <see cref="Wanted"/>.
    /// </summary>
    /// <exception cref="NoMatchingPlatformException">Names the wanted platform and those available.</exception>
    public Descriptor Choose(ImageIndex index)
    {
        if (TryChoose(index, out var chosen)) return chosen;
        var available = index.Manifests
            .Where(d => !IsAttestation(d) && d.Platform is not null)
            .Select(d => d.Platform!.ToString())
            .Distinct()
            .ToList();
        throw new NoMatchingPlatformException(Wanted, available);
    }
}

/// <summary>No manifest in an index runs on the wanted platform (Docker's message, with the choices).</summary>
public sealed class NoMatchingPlatformException(Platform wanted, IReadOnlyList<string> available)
    : Exception($"no matching manifest for {wanted} in the manifest list entries " +
                (available.Count == 0 ? "(the index lists no platforms)" : $"(available: {string.Join(", ", available)})"))
{
    public Platform Wanted { get; } = wanted;

    public IReadOnlyList<string> Available { get; } = available;
}
