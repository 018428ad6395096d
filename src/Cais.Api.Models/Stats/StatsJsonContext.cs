using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;

namespace Cais.Api.Models.Stats;

/// <summary>Source-generated JSON for <c>GET /containers/{id}/stats</c>, with Go's decoding leniency (see <see cref="GoJsonConverterFactory"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(GoJsonConverterFactory)])]
[JsonSerializable(typeof(StatsResponse))]
public sealed partial class StatsJsonContext : JsonSerializerContext;
