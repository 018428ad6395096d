using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;

namespace Cais.Api.Models.Exec;

/// <summary>Source-generated JSON for the exec endpoints, with Go's decoding leniency (see <see cref="GoJsonConverterFactory"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(GoJsonConverterFactory)])]
[JsonSerializable(typeof(ExecCreateRequest))]
[JsonSerializable(typeof(ExecCreateResponse))]
[JsonSerializable(typeof(ExecStartRequest))]
[JsonSerializable(typeof(ExecInspectResponse))]
public sealed partial class ExecJsonContext : JsonSerializerContext;
