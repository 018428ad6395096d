namespace Cais.Cli.Images;

/// <summary>Writes a stream to a file the way docker's CopyToFile does: to a temporary file beside it, renamed when complete.</summary>
public static class ArchiveFile
{
    public static async Task WriteAsync(string path, Stream content)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
                await content.CopyToAsync(file);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Daemon.CommandException($"failed to save the archive to {path}: {e.Message}");
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
