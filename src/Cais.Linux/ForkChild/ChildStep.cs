namespace Cais.Linux.ForkChild;

/// <summary>The syscall inside an op that failed, reported with the errno so messages name it.</summary>
public enum ChildStep
{
    none = 0, setns, unshare, send, recv, setresgid, setresuid, clone, prctl, umask, sethostname,
    setdomainname, mount, open, openat2, mkdirat, openat, mknodat, fchownat, symlinkat, fsopen,
    fsconfig, fsmount, move_mount, open_tree, mount_setattr, fchdir, pivot_root, umount2, chdir,
    chroot, statx, write, ioctl, sendmsg, fchown, accept4, prlimit, capset, setgroups, setsid,
    dup2, close_range, execve, execveat, bad_message,
}
