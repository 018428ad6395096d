using Cais.Images.References;

namespace Cais.Images.Bootstrap;

/// <summary>
/// A base image made on this machine, before any store holds it: its config, its one layer as a
/// plain tar in a work directory of its own, and its name. Disposing removes the work directory.
/// Import it into a store (<see cref="Service.ImageBootstrap"/>) or write it as a docker-archive
/// for a daemon to load (<see cref="Archives.BootstrapArchive"/>).
/// </summary>
public sealed class BootstrappedImage(string workDir, byte[] config, string layerTar, Digest diffId, ImageReference tag) : IDisposable
{
    public byte[] Config { get; } = config;

    /// <summary>The image ID: the digest of its config.</summary>
    public Digest Id { get; } = Digest.Of(config);

    /// <summary>The layer as an uncompressed tar file.</summary>
    public string LayerTar { get; } = layerTar;

    public Digest DiffId { get; } = diffId;

    public ImageReference Tag { get; } = tag;

    public void Dispose() =>
        // debootstrap leaves root-owned files and device nodes; remove without following links.
        Cais.Linux.TreeRemoval.Remove(workDir);
}
