using Cais.Engine.Logs;

namespace Cais.Engine.Monitor;

/// <summary>The json-file driver as a monitor's log: both streams into one writer, partial lines flushed at the end.</summary>
public sealed class JsonFileContainerLog(JsonFileLogWriter writer) : IContainerLog
{
    public static IContainerLog Open(MonitorOptions options) =>
        options.LogPath is null
            ? new NullContainerLog()
            : new JsonFileContainerLog(new JsonFileLogWriter(options.LogPath, LogOptions.Parse(options.LogOptions)));

    public void Write(FrameType stream, ReadOnlySpan<byte> data) =>
        writer.Append(stream == FrameType.Stderr ? LogStream.Stderr : LogStream.Stdout, data);

    public void Dispose()
    {
        writer.EndStream(LogStream.Stdout);
        writer.EndStream(LogStream.Stderr);
        writer.Dispose();
    }
}
