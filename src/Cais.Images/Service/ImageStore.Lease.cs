namespace Cais.Images.Service;

public sealed partial class ImageStore
{
    /// <summary>
    /// A lease that keeps garbage collection off content being written; dispose after the commit.
    /// Every writer holds it while it has scratch (TempDir files, ingests, staged layers), so
    /// whoever takes the first lease while nobody holds one knows any scratch there is belongs
    /// to a writer that was killed, and removes it: without a daemon to clean up at start, a
    /// killed `cais load` would otherwise leave its extracted archive behind for good.
    /// </summary>
    public IDisposable LeaseContent()
    {
        ClearScratchOfKilledWriters();
        return Cais.Linux.FileLock.Shared(ContentLeasePath);
    }

    /// <summary>
    /// Runs <paramref name="write"/> under <see cref="LeaseContent"/>. When it fails, what it
    /// stored and no image references (a layer blob, an unpacked base layer) is collected once the
    /// lease is released, rather than waiting for the next prune. Nested calls collect once, at
    /// the outermost: garbage collection does nothing while any lease is held.
    /// </summary>
    public T WithContentLease<T>(Func<T> write)
    {
        try
        {
            using (LeaseContent()) return write();
        }
        catch
        {
            // The write's own failure is the one to report.
            try { CollectGarbage(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Cais.Images.Snapshots.SnapshotException) { }
            throw;
        }
    }

    void ClearScratchOfKilledWriters()
    {
        using var exclusive = Cais.Linux.FileLock.TryExclusive(ContentLeasePath);
        if (exclusive is null) return; // a writer is alive (possibly this process, nesting)
        Snapshots.CleanStaging();
        Content.CleanIngests(TimeSpan.Zero);
        var temp = Path.Combine(DataRoot, "tmp");
        if (!Directory.Exists(temp)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(temp))
        {
            try
            {
                if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null) Cais.Linux.TreeRemoval.Remove(entry);
                else File.Delete(entry);
            }
            catch (IOException)
            {
                // Something is still mounted inside (a killed debootstrap's /proc): leave it.
            }
        }
    }
}
