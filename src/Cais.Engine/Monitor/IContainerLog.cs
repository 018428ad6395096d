namespace Cais.Engine.Monitor;

/// <summary>Where a monitor writes the container's output (the json-file log, or nothing).</summary>
public interface IContainerLog : IDisposable
{
    /// <summary>Bytes the container wrote on stdout (<see cref="FrameType.Stdout"/>) or stderr; called from two threads.</summary>
    void Write(FrameType stream, ReadOnlySpan<byte> data);
}
