namespace Cais.Engine.Logs;

/// <summary>
/// One message read back from a json-file log: its stream, its time, its bytes as the container
/// wrote them (newline included; none on a partial message) and, when the log was written with
/// extra attributes (labels, env, tag options), those key/value pairs.
/// </summary>
public sealed record LogEntry(
    LogStream Stream,
    LogTimestamp Time,
    ReadOnlyMemory<byte> Line,
    IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>A piece of a longer line, or the last bytes of a stream that did not end in a newline.</summary>
    public bool IsPartial => Line.Length == 0 || Line.Span[^1] != (byte)'\n';
}
