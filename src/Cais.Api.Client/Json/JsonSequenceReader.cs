using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cais.Api.Client.Json;

/// <summary>
/// Reads a stream of JSON values written one after another (Docker's events and stats: each
/// object followed by a newline, though nothing depends on the newline), yielding each value as
/// soon as it is complete. The stream may end only between values.
/// </summary>
public sealed class JsonSequenceReader<T>(Stream input, JsonTypeInfo<T> typeInfo, int maxValueLength = JsonSequenceReader<T>.DefaultMaxValueLength)
{
    /// <summary>A stats sample is a few kilobytes; anything near this is not a Docker value.</summary>
    public const int DefaultMaxValueLength = 16 * 1024 * 1024;

    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[16 * 1024];
        int start = 0, end = 0;
        var ended = false;
        while (true)
        {
            // Skip the whitespace (newlines) between values.
            while (start < end && buffer[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
                start++;

            if (start < end && FindValueEnd(buffer.AsSpan(start, end - start), ended) is var length and > 0)
            {
                var value = JsonSerializer.Deserialize(buffer.AsSpan(start, length), typeInfo);
                start += length;
                if (value is null)
                    throw new InvalidDataException($"the daemon sent null where a {typeof(T).Name} was expected");
                yield return value;
                continue;
            }

            if (ended)
            {
                if (start < end)
                    throw new InvalidDataException($"the stream of {typeof(T).Name} values ended in the middle of a value");
                yield break;
            }

            // Need more input: make room, then read.
            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                if (buffer.Length >= maxValueLength)
                    throw new InvalidDataException($"a {typeof(T).Name} value in the stream is longer than {maxValueLength} bytes");
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxValueLength));
            }
            var n = await input.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                ended = true;
            end += n;
        }
    }

    /// <summary>The length of the complete value at the start of <paramref name="data"/>, or 0 if more bytes are needed.</summary>
    static int FindValueEnd(ReadOnlySpan<byte> data, bool isFinalBlock)
    {
        try
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, default);
            if (!reader.Read())
                return 0;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                return 0;
            return (int)reader.BytesConsumed;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the daemon sent malformed JSON in a stream of {typeof(T).Name} values: {e.Message}", e);
        }
    }
}
