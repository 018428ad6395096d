using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace Cais.Images.Layers;

/// <summary>
/// Reads a stream on a thread of its own, in 1 MiB chunks, and hashes (sha256) every byte on
/// that thread too: decompression and hashing then overlap with the file writes of the
/// consumer. Four chunks circulate, so the reader runs at most 4 MiB ahead.
/// </summary>
internal sealed class ChunkPump : IDisposable
{
    const int Chunks = 4;
    const int ChunkSize = 1 << 20;

    readonly Stream _source;
    readonly byte[][] _chunks = new byte[Chunks][];
    readonly int[] _lengths = new int[Chunks];
    readonly SemaphoreSlim _free = new(Chunks); // no maximum: Dispose releases extra
    readonly SemaphoreSlim _filled = new(0, Chunks);
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    readonly Thread _thread;
    ExceptionDispatchInfo? _error;
    volatile bool _stop;
    int _next;
    bool _holding, _ended;

    public ChunkPump(Stream source)
    {
        _source = source;
        for (int i = 0; i < Chunks; i++) _chunks[i] = new byte[ChunkSize];
        _thread = new Thread(Produce) { IsBackground = true, Name = "cais layer read" };
        _thread.Start();
    }

    /// <summary>Bytes read from the source (all hashed), once the end has been reached.</summary>
    public long Total { get; private set; }

    /// <summary>
    /// The next chunk; the previous one goes back to the reader. An empty chunk means the
    /// source has ended. The reader's exception, if it failed, is thrown here.
    /// </summary>
    public ArraySegment<byte> Next()
    {
        if (_ended) return ArraySegment<byte>.Empty;
        if (_holding) _free.Release();
        _filled.Wait();
        _holding = true;
        int i = _next;
        _next = (i + 1) % Chunks;
        int length = _lengths[i];
        if (length < 0) _error!.Throw();
        if (length == 0) _ended = true;
        return new ArraySegment<byte>(_chunks[i], 0, length);
    }

    /// <summary>sha256 of the whole source; call after <see cref="Next"/> has returned the end.</summary>
    public byte[] Hash()
    {
        if (!_ended) throw new InvalidOperationException("the source has not been read to its end");
        _thread.Join();
        return _hash.GetHashAndReset();
    }

    void Produce()
    {
        int i = 0;
        try
        {
            while (true)
            {
                _free.Wait();
                if (_stop) return;
                var chunk = _chunks[i];
                int n = 0;
                while (n < chunk.Length)
                {
                    int read = _source.Read(chunk, n, chunk.Length - n);
                    if (read == 0) break;
                    n += read;
                }
                _hash.AppendData(chunk, 0, n);
                Total += n;
                _lengths[i] = n;
                _filled.Release();
                if (n == 0) return;
                i = (i + 1) % Chunks;
            }
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
            _lengths[i] = -1;
            _filled.Release();
        }
    }

    /// <summary>Stops the reader (after the read it may be in) and waits for it.</summary>
    public void Dispose()
    {
        _stop = true;
        _free.Release(Chunks);
        _thread.Join();
        _hash.Dispose();
        _free.Dispose();
        _filled.Dispose();
    }
}
