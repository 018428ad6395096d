using System.Text;
using System.Text.Json;

namespace Cais.Engine.Logs;

/// <summary>
/// One line of a json-file log, parsed in place: the fields are views into the line. Keys may
/// come in any order and unknown keys are ignored; a line that is not one well-formed JSON object
/// with a stdout/stderr stream and an RFC 3339 time is damaged (a write cut short by a crash,
/// or garbage) and <see cref="TryParse"/> returns false for it.
/// </summary>
readonly ref struct JsonLogLine
{
    public LogStream Stream { get; init; }
    public LogTimestamp Time { get; init; }
    /// <summary>The "log" string's body as stored, still escaped.</summary>
    public ReadOnlySpan<byte> RawLog { get; init; }
    public bool LogIsEscaped { get; init; }
    /// <summary>The "attrs" object's JSON, or empty.</summary>
    public ReadOnlySpan<byte> RawAttributes { get; init; }

    public static bool TryParse(ReadOnlySpan<byte> line, out JsonLogLine parsed)
    {
        parsed = default;
        LogStream stream = 0;
        LogTimestamp? time = null;
        ReadOnlySpan<byte> log = default, attributes = default;
        bool escaped = false;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("log"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                    log = reader.ValueSpan;
                    escaped = reader.ValueIsEscaped;
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                    stream = reader.ValueTextEquals("stdout"u8) ? LogStream.Stdout
                        : reader.ValueTextEquals("stderr"u8) ? LogStream.Stderr : 0;
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
                    if (!Rfc3339Nano.TryParse(reader.ValueSpan, out var t)) return false;
                    time = t;
                }
                else if (reader.ValueTextEquals("attrs"u8))
                {
                    if (!reader.Read()) return false;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        attributes = line[start..(int)reader.BytesConsumed];
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false; // nothing may follow the object
        }
        catch (JsonException)
        {
            return false;
        }
        if (stream == 0 || time is null) return false;
        parsed = new JsonLogLine { Stream = stream, Time = time.Value, RawLog = log, LogIsEscaped = escaped, RawAttributes = attributes };
        return true;
    }

    /// <summary>The message as a LogEntry that owns its bytes.</summary>
    public LogEntry ToEntry()
    {
        byte[] line = LogIsEscaped ? JsonStringUnescaper.Unescape(RawLog) : RawLog.ToArray();
        return new LogEntry(Stream, Time, line, RawAttributes.IsEmpty ? [] : ParseAttributes(RawAttributes));
    }

    static List<KeyValuePair<string, string>> ParseAttributes(ReadOnlySpan<byte> json)
    {
        var result = new List<KeyValuePair<string, string>>();
        var reader = new Utf8JsonReader(json);
        reader.Read(); // StartObject (checked by TryParse)
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            // Docker writes strings; anything else is kept as its JSON text rather than lost.
            string value = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : Encoding.UTF8.GetString(json[(int)reader.TokenStartIndex..(int)SkipAndEnd(ref reader)]);
            result.Add(new(key, value));
        }
        return result;
    }

    static long SkipAndEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return reader.BytesConsumed;
    }
}
