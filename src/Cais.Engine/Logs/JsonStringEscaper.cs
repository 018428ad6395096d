using System.Buffers;
using System.Text;

namespace Cais.Engine.Logs;

/// <summary>
/// Writes bytes as the body of a JSON string exactly as Docker's json-file driver does
/// (jsonlog.ffjsonWriteJSONBytesAsString): '"' and '\' backslashed, \n and \r short, every other
/// control byte and &lt; &gt; &amp; as \u00XX, U+2028 and U+2029 as \u2028/\u2029, each byte that is
/// not part of valid UTF-8 as \ufffd (Go's DecodeRune takes one byte at a time), the rest as is.
/// The attrs object follows Go's encoding/json instead, which also spells \t, \b and \f short.
/// </summary>
static class JsonStringEscaper
{
    /// <summary>The most one input byte can become (\u00XX).</summary>
    public const int MaxExpansion = 6;

    // Bytes copied as they are: printable ASCII except the ones JSON or HTML-safe output escapes.
    static readonly SearchValues<byte> Plain = SearchValues.Create(
        Enumerable.Range(0x20, 0x60).Select(b => (byte)b).Where(b => b is not ((byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)'&')).ToArray());

    static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>Escapes <paramref name="source"/> into <paramref name="destination"/> (at least MaxExpansion times as long); returns the bytes written.</summary>
    public static int Escape(ReadOnlySpan<byte> source, Span<byte> destination, bool goEncodingJson = false)
    {
        int written = 0;
        while (true)
        {
            int special = source.IndexOfAnyExcept(Plain);
            if (special < 0)
            {
                source.CopyTo(destination[written..]);
                return written + source.Length;
            }
            source[..special].CopyTo(destination[written..]);
            written += special;
            source = source[special..];
            byte b = source[0];
            if (b < 0x80)
            {
                written += EscapeAscii(b, destination[written..], goEncodingJson);
                source = source[1..];
                continue;
            }
            var status = Rune.DecodeFromUtf8(source, out Rune rune, out int consumed);
            if (status != OperationStatus.Done)
            {
                "\\ufffd"u8.CopyTo(destination[written..]);
                written += 6;
                source = source[1..];
            }
            else if (rune.Value is 0x2028 or 0x2029)
            {
                "\\u202"u8.CopyTo(destination[written..]);
                destination[written + 5] = Hex[rune.Value & 0xF];
                written += 6;
                source = source[consumed..];
            }
            else
            {
                source[..consumed].CopyTo(destination[written..]);
                written += consumed;
                source = source[consumed..];
            }
        }
    }

    static int EscapeAscii(byte b, Span<byte> destination, bool goEncodingJson)
    {
        byte shortForm = b switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' when goEncodingJson => (byte)'t',
            (byte)'\b' when goEncodingJson => (byte)'b',
            (byte)'\f' when goEncodingJson => (byte)'f',
            _ => 0,
        };
        destination[0] = (byte)'\\';
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }
        "u00"u8.CopyTo(destination[1..]);
        destination[4] = Hex[b >> 4];
        destination[5] = Hex[b & 0xF];
        return 6;
    }
}
