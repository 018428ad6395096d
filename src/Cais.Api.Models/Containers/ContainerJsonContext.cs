using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// Source-generated JSON for the container endpoints. Property names match case-insensitively on
/// input and unknown fields are ignored, as Go's decoder does; <c>null</c> reads as the zero value
/// (<see cref="GoJsonConverterFactory"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(GoJsonConverterFactory)])]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(ContainerCreateResponse))]
[JsonSerializable(typeof(ContainerInspectResponse))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(ContainerWaitResponse))]
[JsonSerializable(typeof(ContainerTopResponse))]
[JsonSerializable(typeof(ContainerUpdateRequest))]
[JsonSerializable(typeof(ContainerUpdateResponse))]
[JsonSerializable(typeof(ContainerPruneResponse))]
[JsonSerializable(typeof(List<FilesystemChange>))]
[JsonSerializable(typeof(ContainerConfig))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(HostConfig))]
[JsonSerializable(typeof(NetworkingConfig))]
[JsonSerializable(typeof(EndpointSettings))]
public sealed partial class ContainerJsonContext : JsonSerializerContext;
