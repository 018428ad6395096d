using System.Globalization;
using System.Text;

namespace Cais.Api.Hijack;

/// <summary>
/// The framing facts of one HTTP/1.1 request head, read by the pump: does it ask for an upgrade,
/// and how long is its body. Kestrel still parses and validates the head itself; this only needs
/// to find where the request ends.
/// </summary>
internal sealed class HttpRequestHead
{
    HttpRequestHead(List<string> lines) => Lines = lines;

    /// <summary>The request line and the header lines, without their CRLFs.</summary>
    public List<string> Lines { get; }

    public bool ConnectionUpgrade { get; private init; }

    public long? ContentLength { get; private init; }

    public bool HasTransferEncoding { get; private init; }

    /// <summary>
    /// Parses a head (lines ending in CRLF or a bare LF, then an empty line); null when it is not
    /// one (Kestrel will reject it).
    /// </summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        // Latin-1 keeps every byte as one char, so an odd byte cannot shift what follows.
        var text = Encoding.Latin1.GetString(head);
        if (!text.EndsWith('\n')) return null;
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count < 3 || lines[^1].Length != 0 || lines[^2].Length != 0) return null;
        lines.RemoveRange(lines.Count - 2, 2);
        if (lines.Count == 0 || lines[0].Split(' ').Length != 3) return null;
        bool upgrade = false, transferEncoding = false;
        long? contentLength = null;
        for (int i = 1; i < lines.Count; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0) return null;
            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                upgrade |= value.Split(',').Any(t => t.Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase));
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                transferEncoding = true;
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return null;
                if (contentLength is { } other && other != length) return null;
                contentLength = length;
            }
        }
        return new HttpRequestHead(lines) { ConnectionUpgrade = upgrade, ContentLength = contentLength, HasTransferEncoding = transferEncoding };
    }

    /// <summary>The head again without its Content-Length: what Kestrel sees once the pump has taken the body.</summary>
    public byte[] WithoutContentLength()
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            text.Append(line).Append("\r\n");
        }
        text.Append("\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
