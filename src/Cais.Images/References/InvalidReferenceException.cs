namespace Cais.Images.References;

/// <summary>
/// A string is not a valid image reference. The message is Docker's own where Docker has one
/// (distribution/reference reference.go and normalize.go, go-digest), so clients that match on
/// it, and users who search for it, see the same words.
/// </summary>
public sealed class InvalidReferenceException(string message) : FormatException(message);
