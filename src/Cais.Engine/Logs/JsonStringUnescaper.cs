using System.Text;

namespace Cais.Engine.Logs;

/// <summary>
/// Turns the body of a JSON string (already validated by Utf8JsonReader) back into UTF-8 bytes:
/// \" \\ \/ \b \f \n \r \t and \uXXXX, surrogate pairs joined; a lone surrogate becomes U+FFFD.
/// </summary>
static class JsonStringUnescaper
{
    /// <summary>The bytes as an array of their own length.</summary>
    public static byte[] Unescape(ReadOnlySpan<byte> escaped)
    {
        // Unescaping never lengthens: \uXXXX (6 bytes) is at most 3 bytes of UTF-8, a pair (12) is 4.
        if (escaped.Length <= 1024)
        {
            Span<byte> small = stackalloc byte[escaped.Length];
            return small[..Unescape(escaped, small)].ToArray();
        }
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(escaped.Length);
        try
        {
            return rented.AsSpan(0, Unescape(escaped, rented)).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Unescapes into <paramref name="output"/> (as long as the input at least); returns the bytes written.</summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> output)
    {
        int written = 0;
        while (true)
        {
            int backslash = escaped.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                escaped.CopyTo(output[written..]);
                written += escaped.Length;
                break;
            }
            escaped[..backslash].CopyTo(output[written..]);
            written += backslash;
            escaped = escaped[backslash..];
            if (escaped.Length < 2) break;
            byte kind = escaped[1];
            if (kind == 'u' && escaped.Length >= 6 && TryHex(escaped.Slice(2, 4), out int code))
            {
                int consumed = 6;
                if (char.IsHighSurrogate((char)code) && escaped.Length >= 12 && escaped[6] == '\\' && escaped[7] == 'u'
                    && TryHex(escaped.Slice(8, 4), out int low) && char.IsLowSurrogate((char)low))
                {
                    code = char.ConvertToUtf32((char)code, (char)low);
                    consumed = 12;
                }
                else if (char.IsSurrogate((char)code))
                {
                    code = 0xFFFD;
                }
                written += new Rune(code).EncodeToUtf8(output[written..]);
                escaped = escaped[consumed..];
                continue;
            }
            output[written++] = kind switch
            {
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => kind, // \" \\ \/
            };
            escaped = escaped[2..];
        }
        return written;
    }

    static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte d in digits)
        {
            int v = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : (d | 0x20) is >= 'a' and <= 'f' ? (d | 0x20) - 'a' + 10 : -1;
            if (v < 0) return false;
            value = value * 16 + v;
        }
        return true;
    }
}
