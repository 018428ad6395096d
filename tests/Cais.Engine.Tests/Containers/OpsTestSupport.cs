using System.Text;
using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Containers;

/// <summary>Waiting on what a container does, without timing assertions: poll, with a generous deadline.</summary>
internal static class OpsTestSupport
{
    public static async Task<string> Output(Engine engine, string id)
    {
        var text = new StringBuilder();
        await foreach (var e in new JsonFileLogReader(engine.LogPathOf(id)).ReadAsync(new LogReadOptions()))
            text.Append(Encoding.UTF8.GetString(e.Line.Span));
        return text.ToString();
    }

    /// <summary>Until the container's log holds <paramref name="text"/>; fails after 30 s.</summary>
    public static async Task WaitForOutput(Engine engine, string id, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(engine.LogPathOf(id)) && (await Output(engine, id)).Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(50);
        }
        Assert.Fail($"the container never wrote \"{text}\"; it wrote: {await Output(engine, id)}");
    }

    /// <summary>The container's directory in a v1 hierarchy (this host's layout; null where cgroup v1 does not hold the controller).</summary>
    public static string? V1CgroupFile(string controller, string id, string file)
    {
        var dir = $"/sys/fs/cgroup/{controller}/cais/{id}";
        return Directory.Exists(dir) ? Path.Combine(dir, file) : null;
    }

    public static async Task<string> Started(EngineHarness h, params string[] cmd)
    {
        var id = h.Create(cmd);
        await h.Engine.StartContainer(id);
        return id;
    }
}
