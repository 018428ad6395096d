namespace Cais.Images.Snapshots;

/// <summary>A snapshotter refusal; the subclasses are the error categories callers map.</summary>
public abstract class SnapshotException(string message) : Exception(message);

/// <summary>No layer with that chain ID, or no container snapshot with that key (not found).</summary>
public sealed class SnapshotNotFoundException(string message) : SnapshotException(message);

/// <summary>A container snapshot with that key exists already (conflict).</summary>
public sealed class SnapshotExistsException(string message) : SnapshotException(message);

/// <summary>
/// The layer is below another layer or a container, or the container's directories are still
/// mounted (conflict): remove the users or unmount first.
/// </summary>
public sealed class SnapshotInUseException(string message) : SnapshotException(message);
