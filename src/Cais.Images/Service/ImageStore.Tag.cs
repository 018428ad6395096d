using Cais.Images.References;

namespace Cais.Images.Service;

public sealed partial class ImageStore
{
    /// <summary>`docker tag SOURCE TARGET`: TARGET (name[:tag], :latest by default) points at SOURCE's image.</summary>
    public (Digest Id, string? PreviousImage) Tag(string source, string target)
    {
        var id = Resolve(source);
        var reference = ImageReference.Parse(target);
        if (reference.Digest is not null)
            throw new InvalidReferenceException($"refusing to create a tag with a digest reference: {target}");
        var previous = Metadata.Write(tx => tx.SetTag(reference.ToString(), id.ToString(), DateTime.UtcNow));
        return (id, previous);
    }
}
