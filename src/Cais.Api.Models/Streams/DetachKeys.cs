namespace Cais.Api.Models.Streams;

/// <summary>
/// The key sequence that detaches a client from an attached container or exec without stopping
/// it, in the <c>--detach-keys</c> format parsed exactly as Docker's <c>term.ToBytes</c> does:
/// comma-separated keys, each a single character (<c>a</c>, <c>~</c>), <c>ctrl-@</c>,
/// <c>ctrl-a</c> .. <c>ctrl-z</c>, <c>ctrl-[</c>, <c>ctrl-\</c>, <c>ctrl-]</c>, <c>ctrl-^</c>,
/// <c>ctrl-_</c> (codes 0 to 31), or <c>DEL</c> (127). Names are case-sensitive.
/// </summary>
public static class DetachKeys
{
    /// <summary>Docker's default, ctrl-p then ctrl-q.</summary>
    public const string DefaultText = "ctrl-p,ctrl-q";

    /// <summary>The bytes of <see cref="DefaultText"/>: 0x10 0x11.</summary>
    public static ReadOnlySpan<byte> Default => [0x10, 0x11];

    // ctrl-@ is 0, ctrl-a 1 .. ctrl-z 26, then ctrl-[ 27, ctrl-\ 28, ctrl-] 29, ctrl-^ 30, ctrl-_ 31.
    const string ControlCharacters = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    /// <summary>The bytes of a key sequence; throws <see cref="FormatException"/> naming the first unknown key.</summary>
    public static byte[] Parse(string keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!TryParse(keys, out var codes, out var badKey))
            throw new FormatException($"invalid detach keys '{keys}': unknown character: '{badKey}' " +
                "(use single characters, ctrl-<a-z, @, [, \\, ], ^ or _>, or DEL, separated by commas)");
        return codes;
    }

    public static bool TryParse(string keys, out byte[] codes) => TryParse(keys, out codes, out _);

    static bool TryParse(string keys, out byte[] codes, out string badKey)
    {
        var parsed = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            // Docker compares the UTF-8 length: a single non-ASCII character is not one byte, so unknown.
            if (key.Length == 1 && key[0] < 0x80)
            {
                parsed.Add((byte)key[0]);
                continue;
            }
            if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.Ordinal)
                && ControlCharacters.IndexOf(key[5], StringComparison.Ordinal) is var code and >= 0)
            {
                parsed.Add((byte)code);
                continue;
            }
            if (key == "DEL")
            {
                parsed.Add(127);
                continue;
            }
            codes = [];
            badKey = key;
            return false;
        }
        codes = [.. parsed];
        badKey = "";
        return true;
    }
}
