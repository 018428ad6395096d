using Cais.Linux;

namespace Cais.Engine.Logs;

/// <summary>
/// Wakes log followers when their log file changes. The writer is another process (the
/// container's monitor), so the daemon learns of new lines from the file system.
/// </summary>
/// <remarks>
/// Why inotify, and how: one inotify instance and one thread serve the whole daemon, blocked in
/// read(2) until the kernel reports a change; each log directory is watched once however many
/// followers it has. A follower waits on an <see cref="AsyncSignal"/>, not a thread, so a
/// thousand `logs -f` cost one thread. Per-follower threads (what FileSystemWatcher gives) or a
/// short poll would cost threads or wake-ups for every idle follower. inotify is exact on local
/// file systems, but events can be lost (queue overflow, which wakes everyone) or unavailable
/// (instance or watch limits, remote file systems): so followers also re-check on a timer,
/// slowly when watched (<see cref="Subscription.PollInterval"/>), briskly when not.
/// </remarks>
sealed class LogChangeNotifier
{
    static readonly Lazy<LogChangeNotifier> shared = new(() => new LogChangeNotifier());

    const InotifyMask Events = InotifyMask.IN_MODIFY | InotifyMask.IN_CLOSE_WRITE | InotifyMask.IN_CREATE
        | InotifyMask.IN_DELETE | InotifyMask.IN_MOVED_FROM | InotifyMask.IN_MOVED_TO
        | InotifyMask.IN_DELETE_SELF | InotifyMask.IN_MOVE_SELF | InotifyMask.IN_ONLYDIR;

    static readonly TimeSpan WatchedPollInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan UnwatchedPollInterval = TimeSpan.FromMilliseconds(200);

    readonly Lock gate = new();
    readonly Dictionary<string, DirectoryWatch> byDirectory = new(StringComparer.Ordinal);
    readonly Dictionary<int, DirectoryWatch> byWatch = [];
    Inotify? inotify;
    bool failed;
    Thread? thread;

    public static LogChangeNotifier Shared => shared.Value;

    /// <summary>Starts watching for changes to <paramref name="logPath"/> and its rotated siblings.</summary>
    public Subscription Subscribe(string logPath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(logPath)) ?? "/";
        var subscription = new Subscription(this, Path.GetFileName(logPath));
        lock (gate)
        {
            if (!TryStart()) return subscription;
            if (!byDirectory.TryGetValue(directory, out var watch))
            {
                int wd;
                try
                {
                    wd = inotify!.AddWatch(directory, Events);
                }
                catch (SyscallException)
                {
                    return subscription; // e.g. ENOSPC (max_user_watches), ENOENT: poll instead
                }
                // The kernel hands out one wd per inode: a second path to the same directory shares it.
                if (!byWatch.TryGetValue(wd, out watch))
                {
                    watch = new DirectoryWatch(wd);
                    byWatch.Add(wd, watch);
                }
                watch.Directories.Add(directory);
                byDirectory[directory] = watch;
            }
            watch.Subscribers.Add(subscription);
            subscription.Watch = watch;
            subscription.PollInterval = WatchedPollInterval;
        }
        return subscription;
    }

    bool TryStart()
    {
        if (failed) return false;
        if (inotify is not null) return true;
        try
        {
            inotify = Inotify.Create();
        }
        catch (SyscallException)
        {
            failed = true; // e.g. EMFILE (max_user_instances): every follower polls
            return false;
        }
        thread = new Thread(Run) { IsBackground = true, Name = "cais log inotify" };
        thread.Start();
        return true;
    }

    void Unsubscribe(Subscription subscription)
    {
        lock (gate)
        {
            var watch = subscription.Watch;
            if (watch is null) return;
            subscription.Watch = null;
            watch.Subscribers.Remove(subscription);
            if (watch.Subscribers.Count > 0 || !byWatch.Remove(watch.Descriptor)) return;
            foreach (var d in watch.Directories) byDirectory.Remove(d);
            inotify?.RemoveWatch(watch.Descriptor);
        }
    }

    void Run()
    {
        var buffer = new byte[64 * 1024];
        var events = new List<InotifyEvent>();
        try
        {
            while (true)
            {
                events.Clear();
                inotify!.ReadEvents(buffer, events);
                lock (gate)
                {
                    foreach (var e in events) Dispatch(e);
                }
            }
        }
        catch (Exception e) when (e is SyscallException or ObjectDisposedException)
        {
            // The instance broke: stop trusting it. Everyone falls back to polling.
            lock (gate)
            {
                failed = true;
                foreach (var watch in byWatch.Values) Forget(watch);
                byWatch.Clear();
                byDirectory.Clear();
            }
        }
    }

    void Dispatch(InotifyEvent e)
    {
        if ((e.Mask & InotifyMask.IN_Q_OVERFLOW) != 0)
        {
            foreach (var watch in byWatch.Values)
                foreach (var s in watch.Subscribers) s.Signal.Set();
            return;
        }
        if (!byWatch.TryGetValue(e.Watch, out var target)) return;
        if ((e.Mask & InotifyMask.IN_IGNORED) != 0)
        {
            // The directory is gone (container removed) or was unmounted: its followers poll from now on.
            byWatch.Remove(e.Watch);
            foreach (var d in target.Directories) byDirectory.Remove(d);
            Forget(target);
            return;
        }
        foreach (var s in target.Subscribers)
        {
            if (e.Name is null || e.Name.StartsWith(s.FileName, StringComparison.Ordinal)) s.Signal.Set();
        }
    }

    static void Forget(DirectoryWatch watch)
    {
        foreach (var s in watch.Subscribers)
        {
            s.Watch = null;
            s.PollInterval = UnwatchedPollInterval;
            s.Signal.Set();
        }
        watch.Subscribers.Clear();
    }

    internal sealed class DirectoryWatch(int descriptor)
    {
        public int Descriptor { get; } = descriptor;
        public List<string> Directories { get; } = [];
        public List<Subscription> Subscribers { get; } = [];
    }

    /// <summary>One follower's interest in one log. Dispose when the follow ends.</summary>
    public sealed class Subscription : IDisposable
    {
        readonly LogChangeNotifier owner;

        internal Subscription(LogChangeNotifier owner, string fileName)
        {
            this.owner = owner;
            FileName = fileName;
        }

        /// <summary>The log's file name; rotated files (name.1, ...) start with it too.</summary>
        public string FileName { get; }

        public AsyncSignal Signal { get; } = new();

        /// <summary>How long to wait for a signal before looking anyway.</summary>
        public TimeSpan PollInterval { get; internal set; } = UnwatchedPollInterval;

        /// <summary>Whether inotify watches the log's directory for this follower.</summary>
        public bool IsWatched => Watch is not null;

        internal DirectoryWatch? Watch { get; set; }

        public void Dispose() => owner.Unsubscribe(this);
    }
}
