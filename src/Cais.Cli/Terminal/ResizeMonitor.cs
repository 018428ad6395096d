using System.Runtime.InteropServices;
using LinuxTerminal = Cais.Linux.Terminal;

namespace Cais.Cli.Terminal;

/// <summary>
/// Keeps a container's (or an exec's) TTY the size of the client's terminal: sends the size once
/// at start, retrying briefly as the process may not have its terminal yet, then again on every
/// SIGWINCH. Resize failures are not worth an error: the session goes on at the old size.
/// </summary>
public sealed class ResizeMonitor : IDisposable
{
    readonly Func<int, int, Task> resize;
    readonly PosixSignalRegistration winch;

    ResizeMonitor(Func<int, int, Task> resize)
    {
        this.resize = resize;
        winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => { _ = SendAsync(); });
    }

    /// <param name="resize">Sends (height, width) to the daemon.</param>
    /// <param name="error">Where "failed to resize tty, using default size" goes when the first size never takes.</param>
    public static ResizeMonitor Start(Func<int, int, Task> resize, TextWriter error)
    {
        var monitor = new ResizeMonitor(resize);
        _ = monitor.SendInitialAsync(error);
        return monitor;
    }

    async Task SendInitialAsync(TextWriter error)
    {
        for (int attempt = 0; attempt <= 10; attempt++)
        {
            if (attempt > 0) await Task.Delay(attempt * 10).ConfigureAwait(false);
            if (await SendAsync().ConfigureAwait(false)) return;
        }
        error.WriteLine("failed to resize tty, using default size");
    }

    async Task<bool> SendAsync()
    {
        if (LinuxTerminal.GetSize(ClientTerminal.StdoutFd) is not { } size || (size.Rows == 0 && size.Columns == 0)) return true;
        try
        {
            await resize(size.Rows, size.Columns).ConfigureAwait(false);
            return true;
        }
        catch (Cais.Api.Client.EngineApiException e) when (e.IsNotFound && e.Message == "page not found")
        {
            // A daemon without the resize endpoint: the TTY keeps the size it was created with.
            return true;
        }
        catch (Exception e) when (e is IOException or Cais.Api.Client.EngineApiException or HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => winch.Dispose();
}
