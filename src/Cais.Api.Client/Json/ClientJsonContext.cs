using System.Text.Json.Serialization;

namespace Cais.Api.Client.Json;

/// <summary>JSON the client writes itself: the <c>filters</c> query parameter.</summary>
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, bool>>))]
sealed partial class ClientJsonContext : JsonSerializerContext;
