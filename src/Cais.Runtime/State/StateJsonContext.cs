using System.Text.Json.Serialization;

namespace Cais.Runtime.State;

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(StateDocument))]
[JsonSerializable(typeof(List<StateDocument>))]
[JsonSerializable(typeof(List<int>))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

/// <summary>Indented output for what `state` prints, as runc does.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateIndentedJsonContext : JsonSerializerContext;
