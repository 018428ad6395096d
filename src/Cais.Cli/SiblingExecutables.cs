using Cais.Linux;

namespace Cais.Cli;

/// <summary>
/// The two executables, <c>cais</c> (client, runtime, monitor) and <c>caisd</c> (the engine),
/// live in one directory; each becomes the other for the commands it does not serve.
/// </summary>
public static class SiblingExecutables
{
    /// <summary>caisd beside the running executable (the running one, when it is caisd).</summary>
    public static string EnginePath => Beside("caisd");

    /// <summary>cais beside the running executable.</summary>
    public static string ClientPath => Beside("cais");

    static string Beside(string name) => Path.Combine(
        Path.GetDirectoryName(Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown")) ?? "/", name);

    /// <summary>
    /// Becomes <paramref name="path"/> with the same command line (execv: same pid, stdio and
    /// environment, so a supervisor or a test that started `cais daemon` still holds the daemon's
    /// pid). Returns only when it cannot: 127, having said so as <paramref name="self"/>.
    /// </summary>
    /// <param name="role">What the other executable is, for the message.</param>
    public static int Become(string path, string[] commandLine, string self, string role)
    {
        try
        {
            ProcessImage.Replace(path, [path, .. commandLine]);
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine($"{self}: cannot run {path} ({role}, which serves this command): {Errno.Describe(e.Errno)}");
        }
        return 127;
    }
}
