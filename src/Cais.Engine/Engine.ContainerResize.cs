namespace Cais.Engine;

// POST /containers/{id}/resize?h=&w=: the new size goes to the container's monitor, which sets
// it on the terminal's master (the kernel then sends SIGWINCH to the foreground process group).
public sealed partial class Engine
{
    public async Task ResizeContainer(string idOrName, ushort height, ushort width, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (!c.Record.State.Running || c.Record.State.Status == "restarting") throw NotRunning(c);
        // Without a terminal there is nothing to resize; Docker answers 200 then too.
        if (!c.Record.Config.Tty) return;
        var connection = c.Connection ?? throw NotRunning(c);
        try
        {
            await connection.ResizeAsync(height, width, cancel);
            Events.Container("resize", c, new Dictionary<string, string>
            {
                ["height"] = height.ToString(System.Globalization.CultureInfo.InvariantCulture), ["width"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw NotRunning(c); // the monitor went away with the container
        }
    }
}
