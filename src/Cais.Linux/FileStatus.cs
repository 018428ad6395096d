namespace Cais.Linux;

/// <summary>What statx(2) says about a file: the fields layer diff and apply need.</summary>
public readonly struct FileStatus
{
    /// <summary>st_mode: the file type (S_IFMT bits) and the permission bits, setuid/setgid/sticky included.</summary>
    public int Mode { get; init; }
    public int Uid { get; init; }
    public int Gid { get; init; }
    public long Size { get; init; }
    public int LinkCount { get; init; }
    public ulong Inode { get; init; }
    /// <summary>The device holding the file (stx_dev_major, stx_dev_minor).</summary>
    public uint DeviceMajor { get; init; }
    public uint DeviceMinor { get; init; }
    /// <summary>The device a character or block special file stands for.</summary>
    public uint RdevMajor { get; init; }
    public uint RdevMinor { get; init; }
    public long MtimeSeconds { get; init; }
    public int MtimeNanoseconds { get; init; }

    public int FileType => Mode & Flags.S_IFMT;
    public bool IsDirectory => FileType == Flags.S_IFDIR;
    public bool IsRegularFile => FileType == Flags.S_IFREG;
    public bool IsSymbolicLink => FileType == FileOps.S_IFLNK;

    // struct statx (include/uapi/linux/stat.h): the same layout on every architecture.
    internal static unsafe FileStatus FromStatx(byte* b) => new()
    {
        LinkCount = (int)*(uint*)(b + 16),
        Uid = (int)*(uint*)(b + 20),
        Gid = (int)*(uint*)(b + 24),
        Mode = *(ushort*)(b + 28),
        Inode = *(ulong*)(b + 32),
        Size = (long)*(ulong*)(b + 40),
        MtimeSeconds = *(long*)(b + 112),
        MtimeNanoseconds = (int)*(uint*)(b + 120),
        RdevMajor = *(uint*)(b + 128),
        RdevMinor = *(uint*)(b + 132),
        DeviceMajor = *(uint*)(b + 136),
        DeviceMinor = *(uint*)(b + 140),
    };
}
