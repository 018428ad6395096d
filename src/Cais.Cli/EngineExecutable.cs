namespace Cais.Cli;

/// <summary>Where <c>caisd</c>, the engine executable, is: beside the running <c>cais</c>.</summary>
public static class EngineExecutable
{
    public const string FileName = "caisd";

    /// <summary>The client, <c>cais</c>, beside the running executable.</summary>
    public static string ClientPath => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown")) ?? "/", "cais");

    /// <summary>The running executable when it is caisd itself, else caisd in the same directory.</summary>
    public static string Path
    {
        get
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown");
            if (System.IO.Path.GetFileName(self) == FileName) return self;
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(self) ?? "/", FileName);
        }
    }
}
