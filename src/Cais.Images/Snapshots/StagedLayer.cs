namespace Cais.Images.Snapshots;

/// <summary>
/// A fresh directory, <see cref="Dir"/>, to unpack one layer into before
/// <see cref="Snapshotter.Commit"/> makes it a layer. Disposing an uncommitted stage removes it;
/// after a crash the directory is left in ROOT/staging/ for <see cref="Snapshotter.CleanStaging"/>.
/// </summary>
public sealed class StagedLayer : IDisposable
{
    internal StagedLayer(Snapshotter owner, string name, string root)
    {
        Owner = owner;
        Name = name;
        Root = root;
        Dir = Path.Combine(root, SnapshotLayout.DiffDir);
    }

    /// <summary>ROOT/staging/&lt;random&gt;/diff: unpack the layer's content here.</summary>
    public string Dir { get; }

    internal Snapshotter Owner { get; }

    /// <summary>The random name under ROOT/staging.</summary>
    internal string Name { get; }

    /// <summary>ROOT/staging/&lt;random&gt;: renamed into ROOT/layers/&lt;hex&gt; on commit.</summary>
    internal string Root { get; }

    internal bool IsCommitted { get; private set; }

    internal bool IsDisposed { get; private set; }

    internal void MarkCommitted()
    {
        IsCommitted = true;
        Owner.ForgetStaging(Name);
    }

    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        if (!IsCommitted) Owner.DiscardStaging(Name, Root);
    }
}
