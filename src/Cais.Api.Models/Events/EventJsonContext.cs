using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;

namespace Cais.Api.Models.Events;

/// <summary>Source-generated JSON for <c>GET /events</c>, with Go's decoding leniency (see <see cref="GoJsonConverterFactory"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(GoJsonConverterFactory)])]
[JsonSerializable(typeof(EventMessage))]
public sealed partial class EventJsonContext : JsonSerializerContext;
