using Cais.CommandLine;
using Cais.Images.Content;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;
using Cais.Images.Snapshots;

namespace Cais.Cli;

/// <summary>How the client reports failures: docker's wording and exit codes (125 for usage errors, 1 otherwise).</summary>
public static class CommandErrors
{
    public const int UsageStatus = 125;

    public static int Usage(TextWriter error, string command, string message)
    {
        error.WriteLine(message.StartsWith("Error", StringComparison.Ordinal) ? message : $"{message}");
        error.WriteLine($"See 'cais {command} --help'.");
        return UsageStatus;
    }

    /// <summary>Errors about the user's input or the store's state: one line, no stack trace.</summary>
    public static bool IsUserFacing(Exception e) => e is ImageNotFoundException or ImageConflictException or InvalidReferenceException
        or InvalidImageException or ContentNotFoundException or DigestMismatchException or SnapshotException
        or InvalidDataException or FormatException or FileNotFoundException or IOException or UnauthorizedAccessException
        or Cais.Linux.SyscallException or NoMatchingPlatformException or FlagException or InvalidOperationException
        or Cais.Images.Layers.LayerException;

    public static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => $"{e.Message} (cais needs root for its data root)",
        _ => e.Message,
    };
}
