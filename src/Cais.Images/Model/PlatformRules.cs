using System.Globalization;

namespace Cais.Images.Model;

/// <summary>
/// How platforms compare, following containerd's platforms package (database.go normalizeArch,
/// compare.go platformVector): the names are normalised first, then a wanted platform also
/// accepts the older platforms its CPU runs, in order of preference.
/// </summary>
static class PlatformRules
{
    /// <summary>
    /// Canonical names: x86_64 → amd64, aarch64 → arm64 (variant v8 dropped, as it is the
    /// baseline), armhf → arm/v7, armel → arm/v6, bare arm → arm/v7, i386 → 386, macos → darwin.
    /// </summary>
    public static Platform Normalize(Platform p)
    {
        var os = p.Os.ToLowerInvariant() switch { "" => "linux", "macos" => "darwin", var o => o };
        var arch = p.Architecture.ToLowerInvariant();
        var variant = (p.Variant ?? "").ToLowerInvariant();
        switch (arch)
        {
            case "i386":
                (arch, variant) = ("386", "");
                break;
            case "x86_64" or "x86-64" or "amd64":
                arch = "amd64";
                if (variant == "v1") variant = "";
                break;
            case "aarch64" or "arm64":
                arch = "arm64";
                variant = variant switch { "8" or "v8" or "v8.0" => "", "9" or "9.0" or "v9.0" => "v9", _ => variant };
                break;
            case "armhf":
                (arch, variant) = ("arm", "v7");
                break;
            case "armel":
                (arch, variant) = ("arm", "v6");
                break;
            case "arm":
                variant = variant switch { "" or "7" => "v7", "5" or "6" or "8" => "v" + variant, _ => variant };
                break;
        }
        return p with { Os = os, Architecture = arch, Variant = variant.Length == 0 ? null : variant };
    }

    /// <summary>
    /// The platforms a normalised <paramref name="wanted"/> runs, best first: amd64/vN also runs
    /// amd64/v(N-1)..v1 and 386; arm/vN runs arm/v(N-1)..v5; arm64/v8.x runs arm64/v8.(x-1)..v8;
    /// arm64/v9.x runs v9.(x-1)..v9, then v8.(x+5) and below; every arm64 runs arm/v8 and below.
    /// </summary>
    public static List<Platform> Vector(Platform wanted)
    {
        var vector = new List<Platform> { wanted };
        Platform With(string arch, string? variant) => wanted with { Architecture = arch, Variant = variant };

        switch (wanted.Architecture)
        {
            case "amd64":
                if (VersionOf(wanted.Variant) is > 1 and var level)
                    for (int v = level - 1; v >= 1; v--) vector.Add(With("amd64", "v" + Str(v)));
                vector.Add(With("386", null));
                break;
            case "arm":
                if (VersionOf(wanted.Variant) is > 5 and var arm)
                    for (int v = arm - 1; v >= 5; v--) vector.Add(With("arm", "v" + Str(v)));
                break;
            case "arm64":
                AddArm64(vector, wanted, With);
                break;
        }
        return vector;
    }

    static void AddArm64(List<Platform> vector, Platform wanted, Func<string, string?, Platform> with)
    {
        var variant = string.IsNullOrEmpty(wanted.Variant) ? "v8" : wanted.Variant;
        var majorText = variant.Split('.')[0];
        if (VersionOf(majorText) is >= 8 and var major)
        {
            int minor = 0;
            var parts = variant.Split('.');
            if (variant.Length == 4 && parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m))
                minor = m;
            if (major == 9)
            {
                for (int v = minor - 1; v >= 0; v--) vector.Add(with("arm64", v == 0 ? "v9" : $"v9.{Str(v)}"));
                // v9.0 diverged from v8.5: v9.x runs v8.(x+5), up to v8.9 (compare.go).
                minor = Math.Min(minor + 5, 9);
                major = 8;
                vector.Add(with("arm64", $"v8.{Str(minor)}"));
            }
            for (int v = minor - 1; v >= 0; v--)
                vector.Add(with("arm64", v == 0 ? "v" + Str(major) : $"v{Str(major)}.{Str(v)}"));
        }

        // Every arm64 CPU runs 32-bit arm/v8 and below; there is no arm/v9.
        var armVariant = variant.StartsWith("v8.", StringComparison.Ordinal) || variant.StartsWith("v9.", StringComparison.Ordinal)
            ? "v8" : variant;
        vector.AddRange(Vector(with("arm", armVariant)));
    }

    static int? VersionOf(string? variant) =>
        int.TryParse((variant ?? "").TrimStart('v'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// containerd matcher.Match: same OS, architecture and variant after normalising, and the
    /// candidate's OS features (if any) all among the wanted ones. os.version matters only on
    /// Windows, which cais does not run.
    /// </summary>
    public static bool Same(Platform wanted, Platform candidate)
    {
        var c = Normalize(candidate);
        if (c.Os != wanted.Os || c.Architecture != wanted.Architecture || c.Variant != wanted.Variant) return false;
        if (c.OsFeatures is not { Count: > 0 } features) return true;
        return wanted.OsFeatures is { } have && features.All(have.Contains);
    }
}
