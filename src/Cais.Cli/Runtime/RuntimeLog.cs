using System.Text.Json;

namespace Cais.Cli.Runtime;

/// <summary>
/// Errors and warnings of `cais runtime`: always to stderr, and with --log also appended to a
/// file, as text or as the JSON lines containerd's shim reads ({"level","msg","time"}).
/// </summary>
public sealed class RuntimeLog(string path, string format)
{
    readonly bool json = format == "json";

    public void Error(string message) => Write("error", message);

    public void Warn(string message) => Write("warning", message);

    void Write(string level, string message)
    {
        Console.Error.WriteLine(level == "error" ? $"cais runtime: {message}" : $"cais runtime: {level}: {message}");
        if (string.IsNullOrEmpty(path)) return;
        var time = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        string line;
        if (json)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms))
            {
                w.WriteStartObject();
                w.WriteString("level", level);
                w.WriteString("msg", message);
                w.WriteString("time", time);
                w.WriteEndObject();
            }
            line = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }
        else
        {
            line = $"time=\"{time}\" level={level} msg=\"{message.Replace("\"", "\\\"")}\"";
        }
        try { File.AppendAllText(path, line + "\n"); }
        catch (IOException) { }
    }
}
