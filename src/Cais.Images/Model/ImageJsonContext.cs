using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// Source-generated (reflection-free, AOT-safe) JSON for image documents. Compact output, as
/// registries and Docker write them; nulls omitted, as Go's omitempty does for the optional
/// fields. Property names match case-insensitively because Go's encoding/json does, so a
/// document Docker accepts is one cais accepts.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(DocumentProbe))]
public sealed partial class ImageJsonContext : JsonSerializerContext;
