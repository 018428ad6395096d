namespace Cais.Images.Model;

/// <summary>
/// An image document (manifest, index, config) is malformed or breaks the spec; the message
/// names the document ("manifest sha256:...", "config of busybox:latest") and the field.
/// </summary>
public sealed class InvalidImageException : Exception
{
    public InvalidImageException(string message) : base(message)
    {
    }

    public InvalidImageException(string message, Exception inner) : base(message, inner)
    {
    }
}
