using Microsoft.Data.Sqlite;

namespace Cais.Images.Metadata;

// Reads. Each is a single statement, so it sees one consistent state.
public sealed partial class MetadataStore
{
    const string ImageColumns = "id, manifest, created, size, top_chain, parent, added";

    static ImageRecord ReadImage(SqliteDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), ParseTime(r.GetString(6)));

    public ImageRecord? FindImage(string id)
    {
        using var cmd = Command($"SELECT {ImageColumns} FROM images WHERE id = $id", ("$id", id));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadImage(r) : null;
    }

    public List<ImageRecord> Images()
    {
        using var cmd = Command($"SELECT {ImageColumns} FROM images ORDER BY added DESC, id");
        using var r = cmd.ExecuteReader();
        var list = new List<ImageRecord>();
        while (r.Read()) list.Add(ReadImage(r));
        return list;
    }

    /// <summary>Image ids starting with <paramref name="hexPrefix"/> (docker accepts short ids).</summary>
    public List<string> ImageIdsWithPrefix(string hexPrefix)
    {
        using var cmd = Command("SELECT id FROM images WHERE id >= $lo AND id < $hi ORDER BY id",
            ("$lo", "sha256:" + hexPrefix), ("$hi", "sha256:" + hexPrefix + "\uffff"));
        return Strings(cmd);
    }

    /// <summary>The image a normalised name:tag points at.</summary>
    public string? ResolveTag(string reference)
    {
        using var cmd = Command("SELECT image_id FROM tags WHERE reference = $r", ("$r", reference));
        return cmd.ExecuteScalar() as string;
    }

    public List<TagRecord> Tags()
    {
        using var cmd = Command("SELECT reference, image_id, added FROM tags ORDER BY reference");
        using var r = cmd.ExecuteReader();
        var list = new List<TagRecord>();
        while (r.Read()) list.Add(new TagRecord(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2))));
        return list;
    }

    public List<string> TagsOf(string imageId)
    {
        using var cmd = Command("SELECT reference FROM tags WHERE image_id = $id ORDER BY reference", ("$id", imageId));
        return Strings(cmd);
    }

    public List<string> RepoDigestsOf(string imageId)
    {
        using var cmd = Command("SELECT reference FROM repo_digests WHERE image_id = $id ORDER BY reference", ("$id", imageId));
        return Strings(cmd);
    }

    /// <summary>The image a name@digest was pulled as, if any.</summary>
    public string? ResolveRepoDigest(string reference)
    {
        using var cmd = Command("SELECT image_id FROM repo_digests WHERE reference = $r", ("$r", reference));
        return cmd.ExecuteScalar() as string;
    }

    public List<ImageLayerRecord> LayersOf(string imageId)
    {
        using var cmd = Command(
            "SELECT position, chain_id, diff_id, blob, media_type, blob_size FROM image_layers WHERE image_id = $id ORDER BY position",
            ("$id", imageId));
        using var r = cmd.ExecuteReader();
        var list = new List<ImageLayerRecord>();
        while (r.Read())
            list.Add(new ImageLayerRecord(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5)));
        return list;
    }

    public LayerRecord? FindLayer(string chainId)
    {
        using var cmd = Command("SELECT chain_id, diff_id, parent, size FROM layers WHERE chain_id = $c", ("$c", chainId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new LayerRecord(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3)) : null;
    }

    public List<LayerRecord> AllLayers()
    {
        using var cmd = Command("SELECT chain_id, diff_id, parent, size FROM layers ORDER BY chain_id");
        using var r = cmd.ExecuteReader();
        var list = new List<LayerRecord>();
        while (r.Read()) list.Add(new LayerRecord(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3)));
        return list;
    }

    public List<string> UsersOf(string imageId)
    {
        using var cmd = Command("SELECT user FROM image_users WHERE image_id = $id ORDER BY user", ("$id", imageId));
        return Strings(cmd);
    }

    /// <summary>Local images built or committed on <paramref name="imageId"/>.</summary>
    public List<string> ChildrenOf(string imageId)
    {
        using var cmd = Command("SELECT id FROM images WHERE parent = $id ORDER BY id", ("$id", imageId));
        return Strings(cmd);
    }

    /// <summary>Every blob digest some image still needs (configs, manifests, layer blobs).</summary>
    public HashSet<string> ReferencedBlobs()
    {
        using var cmd = Command("""
            SELECT id FROM images UNION SELECT manifest FROM images WHERE manifest IS NOT NULL
            UNION SELECT blob FROM image_layers
            """);
        return [.. Strings(cmd)];
    }

    /// <summary>Chain ids that no image stacks (candidates for garbage collection).</summary>
    public List<string> UnreferencedLayers()
    {
        using var cmd = Command("SELECT chain_id FROM layers WHERE chain_id NOT IN (SELECT chain_id FROM image_layers) ORDER BY chain_id");
        return Strings(cmd);
    }

    static List<string> Strings(SqliteCommand cmd)
    {
        using (cmd)
        using (var r = cmd.ExecuteReader())
        {
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
    }

    /// <summary>Every container's stored document, by id.</summary>
    public List<(string Id, string Document)> ContainerDocuments()
    {
        using var cmd = Command("SELECT id, document FROM containers ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }
}
