using System.Net.Sockets;
using System.Text;

namespace Cais.Api.Tests.Support;

/// <summary>
/// HTTP/1.1 by hand on a unix socket: what the docker CLI does for attach and exec (write the
/// request, read the response head, then use the connection as a raw stream) and what a test
/// needs to half-close it.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    readonly Socket socket;
    readonly MemoryStream pending = new();

    RawHttpConnection(Socket socket) => this.socket = socket;

    public static RawHttpConnection Open(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 20000, SendTimeout = 20000 };
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return new RawHttpConnection(socket);
    }

    public void Send(string text) => Send(Encoding.Latin1.GetBytes(text));

    public void Send(byte[] bytes) => socket.Send(bytes);

    /// <summary>Shuts down the sending side only (what the CLI does when stdin ends).</summary>
    public void CloseWrite() => socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads a response head: the status line and headers (names lower-cased).</summary>
    public (int Status, string StatusLine, Dictionary<string, string> Headers) ReadHead()
    {
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var b = ReadByte();
            if (b < 0) throw new EndOfStreamException($"connection closed inside the response head: {text}");
            text.Append((char)b);
        }
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (int.Parse(lines[0].Split(' ')[1]), lines[0], headers);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public byte[] ReadExactly(int count)
    {
        var result = new byte[count];
        for (int i = 0; i < count; i++)
        {
            var b = ReadByte();
            if (b < 0) throw new EndOfStreamException($"connection closed after {i} of {count} bytes");
            result[i] = (byte)b;
        }
        return result;
    }

    /// <summary>Reads until the server closes the connection.</summary>
    public byte[] ReadToEnd()
    {
        var all = new MemoryStream();
        int b;
        while ((b = ReadByte()) >= 0) all.WriteByte((byte)b);
        return all.ToArray();
    }

    /// <summary>A body framed by Content-Length or chunked encoding, as the head announced it.</summary>
    public string ReadBody(Dictionary<string, string> headers)
    {
        if (headers.TryGetValue("Content-Length", out var length)) return Encoding.UTF8.GetString(ReadExactly(int.Parse(length)));
        if (!headers.TryGetValue("Transfer-Encoding", out var te) || !te.Contains("chunked")) return "";
        var body = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32(ReadLine().Split(';')[0], 16);
            if (size == 0)
            {
                ReadLine();
                return Encoding.UTF8.GetString(body.ToArray());
            }
            body.Write(ReadExactly(size));
            ReadLine();
        }
    }

    string ReadLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            var b = ReadByte();
            if (b < 0) throw new EndOfStreamException("connection closed inside a line");
            if (b == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)b);
        }
    }

    int ReadByte()
    {
        if (pending.Position < pending.Length) return pending.ReadByte();
        var buffer = new byte[4096];
        int n = socket.Receive(buffer);
        if (n == 0) return -1;
        pending.SetLength(0);
        pending.Write(buffer, 0, n);
        pending.Position = 0;
        return pending.ReadByte();
    }

    public void Dispose() => socket.Dispose();
}
