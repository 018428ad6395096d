namespace Cais.Images.Service;

/// <summary>No image by that name or id (the API maps it to 404, as Docker's "No such image").</summary>
public sealed class ImageNotFoundException(string name) : Exception($"No such image: {name}")
{
    public string Name { get; } = name;
}

/// <summary>An operation conflicts with the state of an image (Docker's 409 "conflict: ...").</summary>
public sealed class ImageConflictException(string message) : Exception(message);
