using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Cais.Images;

/// <summary>
/// A content digest, "sha256:&lt;64 lowercase hex&gt;" (OCI image-spec descriptor.md). Only sha256
/// is accepted for content cais stores; sha512 parses, for descriptors that name it.
/// </summary>
public readonly partial record struct Digest
{
    public string Algorithm { get; }
    public string Hex { get; }

    Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[a-f0-9]{128}$")]
    private static partial Regex Sha512Hex();

    public static Digest Sha256(string hex)
    {
        if (!Sha256Hex().IsMatch(hex)) throw new FormatException($"invalid sha256 digest hex: \"{hex}\"");
        return new Digest("sha256", hex);
    }

    /// <summary>Parses "algorithm:hex"; a FormatException names what is wrong.</summary>
    public static Digest Parse(string text)
    {
        if (TryParse(text, out var d, out var error)) return d;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out Digest digest) => TryParse(text, out digest, out _);

    static bool TryParse(string? text, out Digest digest, out string error)
    {
        digest = default;
        int colon = text?.IndexOf(':') ?? -1;
        if (text is null || colon <= 0) { error = $"invalid digest \"{text}\": expected ALGORITHM:HEX"; return false; }
        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        bool ok = algorithm switch
        {
            "sha256" => Sha256Hex().IsMatch(hex),
            "sha512" => Sha512Hex().IsMatch(hex),
            _ => false,
        };
        if (!ok)
        {
            error = algorithm is "sha256" or "sha512"
                ? $"invalid digest \"{text}\": {algorithm} needs {(algorithm == "sha256" ? 64 : 128)} lowercase hex digits"
                : $"invalid digest \"{text}\": unsupported algorithm \"{algorithm}\"";
            return false;
        }
        digest = new Digest(algorithm, hex);
        error = "";
        return true;
    }

    public static Digest Of(ReadOnlySpan<byte> data) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(data)));

    public static Digest Of(Stream data) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(data)));

    public static Digest FromHash(byte[] sha256) => new("sha256", Convert.ToHexStringLower(sha256));

    /// <summary>The first 12 hex digits, as docker shows image and layer ids.</summary>
    public string Short => Hex.Length >= 12 ? Hex[..12] : Hex;

    public bool IsDefault => Hex is null;

    public override string ToString() => $"{Algorithm}:{Hex}";
}
