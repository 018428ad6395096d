namespace Cais.Engine.Monitor;

/// <summary>`--log-driver none`: output goes to attached clients only.</summary>
public sealed class NullContainerLog : IContainerLog
{
    public void Write(FrameType stream, ReadOnlySpan<byte> data) { }

    public void Dispose() { }
}
