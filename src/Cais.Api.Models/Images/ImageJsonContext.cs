using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary>Source-generated JSON for the image endpoints' bodies.</summary>
[JsonSerializable(typeof(List<ImageSummary>))]
[JsonSerializable(typeof(ImageInspectResponse))]
[JsonSerializable(typeof(List<ImageHistoryItem>))]
[JsonSerializable(typeof(List<ImageDeleteResponseItem>))]
[JsonSerializable(typeof(ImagePruneResponse))]
[JsonSerializable(typeof(ProgressMessage))]
public sealed partial class ImageJsonContext : JsonSerializerContext;
