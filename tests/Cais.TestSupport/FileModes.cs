namespace Cais.TestSupport;

/// <summary>
/// File.Get/SetUnixFileMode behind one platform check, so the fixtures (and the test projects
/// calling them) need no assembly-wide SupportedOSPlatform attribute. cais is Linux-only.
/// </summary>
public static class FileModes
{
    public const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite
        | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>drwxrwxrwt, as /tmp.</summary>
    public const UnixFileMode Mode1777 = UnixFileMode.StickyBit | Mode755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public static UnixFileMode Get(string path)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("cais runs on Linux only");
        return File.GetUnixFileMode(path);
    }

    public static void Set(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("cais runs on Linux only");
        File.SetUnixFileMode(path, mode);
    }
}
