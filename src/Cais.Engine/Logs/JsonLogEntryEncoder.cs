using System.Text;

namespace Cais.Engine.Logs;

/// <summary>
/// One json-file line, byte for byte as Docker writes it (jsonlog.JSONLogs.MarshalJSONBuf):
/// {"log":"...","stream":"stdout","attrs":{...},"time":"2026-11-23T10:11:12.123456789Z"}\n
/// where "log" carries the line with its newline (none for a partial message) and is left out
/// when empty, "attrs" only appears when the container has extra attributes, and "time" is
/// Go's RFC3339Nano (trailing zeros of the fraction dropped).
/// </summary>
static class JsonLogEntryEncoder
{
    // {"log":"",   ,"stream":"stdout"   ,"attrs":   ,"time":"<30>"}\n
    const int FixedOverhead = 96;

    /// <summary>An upper bound for the encoded size of a message of <paramref name="contentLength"/> bytes.</summary>
    public static int MaxEncodedLength(int contentLength, int attributesLength) =>
        contentLength * JsonStringEscaper.MaxExpansion + attributesLength + FixedOverhead;

    public static int Encode(Span<byte> destination, LogStream stream, ReadOnlySpan<byte> content, bool partial,
        LogTimestamp time, ReadOnlySpan<byte> attributesJson)
    {
        int at = 0;
        Put(destination, ref at, "{"u8);
        if (content.Length > 0 || !partial)
        {
            Put(destination, ref at, "\"log\":\""u8);
            at += JsonStringEscaper.Escape(content, destination[at..]);
            if (!partial) Put(destination, ref at, "\\n"u8);
            Put(destination, ref at, "\","u8);
        }
        Put(destination, ref at, "\"stream\":\""u8);
        Put(destination, ref at, LogStreamNames.Utf8(stream));
        Put(destination, ref at, "\","u8);
        if (attributesJson.Length > 0)
        {
            Put(destination, ref at, "\"attrs\":"u8);
            Put(destination, ref at, attributesJson);
            Put(destination, ref at, ","u8);
        }
        Put(destination, ref at, "\"time\":\""u8);
        at += Rfc3339Nano.Format(time, destination[at..], fixedWidth: false);
        Put(destination, ref at, "\"}\n"u8);
        return at;
    }

    /// <summary>
    /// The attrs object as Go's encoding/json marshals a map[string]string: keys in byte order,
    /// HTML-safe escaping. Empty when there are no attributes (the field is then left out).
    /// </summary>
    public static byte[] EncodeAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null || attributes.Count == 0) return [];
        var pairs = attributes
            .Select(a => (Key: Encoding.UTF8.GetBytes(a.Key), Value: Encoding.UTF8.GetBytes(a.Value)))
            .OrderBy(a => a.Key, Utf8Order.Instance)
            .ToList();
        var buffer = new byte[pairs.Sum(p => (p.Key.Length + p.Value.Length) * JsonStringEscaper.MaxExpansion + 6) + 2];
        int at = 0;
        Put(buffer, ref at, "{"u8);
        foreach (var (key, value) in pairs)
        {
            if (at > 1) Put(buffer, ref at, ","u8);
            Put(buffer, ref at, "\""u8);
            at += JsonStringEscaper.Escape(key, buffer.AsSpan(at), goEncodingJson: true);
            Put(buffer, ref at, "\":\""u8);
            at += JsonStringEscaper.Escape(value, buffer.AsSpan(at), goEncodingJson: true);
            Put(buffer, ref at, "\""u8);
        }
        Put(buffer, ref at, "}"u8);
        return buffer[..at];
    }

    static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
    }

    sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
