using Cais.Images.Service;

namespace Cais.Cli;

/// <summary>
/// What the client commands share: the data root their image store lives in. Image commands run
/// in-process on it until the daemon issue moves them behind the Engine API.
/// </summary>
public sealed class CliContext(string dataRoot) : IDisposable
{
    ImageStore? images;

    public string DataRoot { get; } = dataRoot;

    public ImageStore Images => images ??= new ImageStore(DataRoot);

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    public void Dispose() => images?.Dispose();
}
