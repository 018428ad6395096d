namespace Cais.Images.Metadata;

/// <summary>
/// The image metadata schema. Blobs (configs, manifests, layer blobs) live in the content
/// store and unpacked layers in the snapshotter; this database says which images exist, what
/// names point at them, which layers they stack, and who uses what. Version bumps add
/// migrations below; a database newer than this code is refused.
/// </summary>
internal static class Schema
{
    public const int Version = 2;

    public const string V1 = """
        CREATE TABLE images (
            id TEXT PRIMARY KEY,              -- image id: the config's digest
            manifest TEXT,                    -- digest of the manifest cais keeps for it (OCI)
            created TEXT,                     -- config "created" (RFC 3339), for sorting and display
            size INTEGER NOT NULL,            -- bytes of all its layers unpacked
            top_chain TEXT,                   -- chain id of its top layer; null for an image without layers
            parent TEXT,                      -- the local image it was built or committed on, if any
            added TEXT NOT NULL               -- when it was stored here
        );
        CREATE TABLE image_layers (
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,        -- 0 = base
            chain_id TEXT NOT NULL,
            diff_id TEXT NOT NULL,
            blob TEXT NOT NULL,               -- digest of the layer blob as stored (compressed or not)
            media_type TEXT NOT NULL,
            blob_size INTEGER NOT NULL,
            PRIMARY KEY (image_id, position)
        );
        CREATE INDEX image_layers_chain ON image_layers(chain_id);
        CREATE TABLE tags (
            reference TEXT PRIMARY KEY,       -- normalised name:tag, e.g. docker.io/library/busybox:latest
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            added TEXT NOT NULL
        );
        CREATE INDEX tags_image ON tags(image_id);
        CREATE TABLE repo_digests (
            reference TEXT NOT NULL,          -- normalised name@manifest-digest, from a registry
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            PRIMARY KEY (reference, image_id)
        );
        CREATE TABLE layers (
            chain_id TEXT PRIMARY KEY,        -- unpacked in the snapshotter under this id
            diff_id TEXT NOT NULL,
            parent TEXT,                      -- chain id below, null for a base layer
            size INTEGER NOT NULL             -- unpacked bytes of this layer alone
        );
        CREATE TABLE image_users (
            image_id TEXT NOT NULL REFERENCES images(id),
            user TEXT NOT NULL,               -- e.g. "container:<id>": an image in use is not removed
            PRIMARY KEY (image_id, user)
        );
        """;

    /// <summary>
    /// Version 2: the engine's containers. The document is the container's whole record as JSON
    /// (Cais.Engine owns its shape); id and name are columns so that a duplicate name is refused
    /// by the database, inside the transaction that would have made it.
    /// </summary>
    public const string V2 = """
        CREATE TABLE containers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,        -- "/name", as Docker stores it
            image_id TEXT,
            document TEXT NOT NULL
        );
        """;
}
