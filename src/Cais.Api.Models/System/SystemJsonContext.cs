using System.Text.Json.Serialization;

namespace Cais.Api.Models.SystemApi;

/// <summary>Source-generated JSON for the system endpoints' bodies.</summary>
[JsonSerializable(typeof(SystemVersionResponse))]
[JsonSerializable(typeof(SystemInfoResponse))]
[JsonSerializable(typeof(SystemDataUsageResponse))]
public sealed partial class SystemJsonContext : JsonSerializerContext;
