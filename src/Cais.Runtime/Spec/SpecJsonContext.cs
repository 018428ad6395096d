using System.Text.Json.Serialization;

namespace Cais.Runtime.Spec;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for the runtime-spec model.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(ProcessSpec))]
public sealed partial class SpecJsonContext : JsonSerializerContext;
