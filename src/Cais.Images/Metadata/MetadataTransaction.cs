using Microsoft.Data.Sqlite;

namespace Cais.Images.Metadata;

/// <summary>The changes that may be made inside one <see cref="MetadataStore.Write{T}"/>.</summary>
public sealed class MetadataTransaction
{
    readonly SqliteConnection connection;
    readonly SqliteTransaction transaction;

    internal MetadataTransaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    internal void Execute(string sql) => Run(sql);

    int Run(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd.ExecuteNonQuery();
    }

    object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd.ExecuteScalar();
    }

    /// <summary>Adds an image with its layers; an image that exists already is left as it is (same id, same content).</summary>
    public bool AddImage(ImageRecord image, IReadOnlyList<ImageLayerRecord> layers)
    {
        if (Scalar("SELECT 1 FROM images WHERE id = $id", ("$id", image.Id)) is not null) return false;
        Run("INSERT INTO images (id, manifest, created, size, top_chain, parent, added) VALUES ($id, $m, $c, $s, $t, $p, $a)",
            ("$id", image.Id), ("$m", image.Manifest), ("$c", image.Created), ("$s", image.Size), ("$t", image.TopChain),
            ("$p", image.Parent), ("$a", MetadataStore.Time(image.Added)));
        foreach (var l in layers)
            Run("INSERT INTO image_layers (image_id, position, chain_id, diff_id, blob, media_type, blob_size) VALUES ($i, $p, $c, $d, $b, $m, $s)",
                ("$i", image.Id), ("$p", l.Position), ("$c", l.ChainId), ("$d", l.DiffId), ("$b", l.Blob), ("$m", l.MediaType), ("$s", l.BlobSize));
        return true;
    }

    /// <summary>Removes an image (its tags, repo digests and layer list go with it).</summary>
    public bool RemoveImage(string id)
    {
        Run("DELETE FROM image_users WHERE image_id = $id", ("$id", id));
        Run("UPDATE images SET parent = NULL WHERE parent = $id", ("$id", id));
        return Run("DELETE FROM images WHERE id = $id", ("$id", id)) > 0;
    }

    /// <summary>Points a name at an image; returns the image it pointed at before, if another.</summary>
    public string? SetTag(string reference, string imageId, DateTime added)
    {
        var previous = Scalar("SELECT image_id FROM tags WHERE reference = $r", ("$r", reference)) as string;
        Run("INSERT INTO tags (reference, image_id, added) VALUES ($r, $i, $a) ON CONFLICT(reference) DO UPDATE SET image_id = $i, added = $a",
            ("$r", reference), ("$i", imageId), ("$a", MetadataStore.Time(added)));
        return previous == imageId ? null : previous;
    }

    public bool RemoveTag(string reference) => Run("DELETE FROM tags WHERE reference = $r", ("$r", reference)) > 0;

    public void AddRepoDigest(string reference, string imageId) =>
        Run("INSERT OR IGNORE INTO repo_digests (reference, image_id) VALUES ($r, $i)", ("$r", reference), ("$i", imageId));

    public bool RemoveRepoDigest(string reference) => Run("DELETE FROM repo_digests WHERE reference = $r", ("$r", reference)) > 0;

    public void AddLayer(LayerRecord layer) =>
        Run("INSERT OR IGNORE INTO layers (chain_id, diff_id, parent, size) VALUES ($c, $d, $p, $s)",
            ("$c", layer.ChainId), ("$d", layer.DiffId), ("$p", layer.Parent), ("$s", layer.Size));

    public bool RemoveLayer(string chainId) => Run("DELETE FROM layers WHERE chain_id = $c", ("$c", chainId)) > 0;

    public void AddUser(string imageId, string user) =>
        Run("INSERT OR IGNORE INTO image_users (image_id, user) VALUES ($i, $u)", ("$i", imageId), ("$u", user));

    public bool RemoveUser(string imageId, string user) =>
        Run("DELETE FROM image_users WHERE image_id = $i AND user = $u", ("$i", imageId), ("$u", user)) > 0;

    public int CountTags(string imageId) => Convert.ToInt32(Scalar("SELECT COUNT(*) FROM tags WHERE image_id = $i", ("$i", imageId)));

    /// <summary>
    /// Adds or replaces a container's record. A name another container holds makes this throw
    /// <see cref="ContainerNameTakenException"/> and the transaction roll back.
    /// </summary>
    public void PutContainer(string id, string name, string? imageId, string document)
    {
        try
        {
            Run("""
                INSERT INTO containers (id, name, image_id, document) VALUES ($id, $name, $image, $doc)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, image_id = excluded.image_id, document = excluded.document
                """, ("$id", id), ("$name", name), ("$image", imageId), ("$doc", document));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
        {
            var holder = Scalar("SELECT id FROM containers WHERE name = $name", ("$name", name)) as string;
            throw new ContainerNameTakenException(name, holder ?? "");
        }
    }

    public bool RemoveContainer(string id) => Run("DELETE FROM containers WHERE id = $id", ("$id", id)) > 0;
}

/// <summary>A container name is in use by another container.</summary>
public sealed class ContainerNameTakenException(string name, string holder) : Exception($"the container name {name} is in use by {holder}")
{
    public string Name { get; } = name;
    public string Holder { get; } = holder;
}
