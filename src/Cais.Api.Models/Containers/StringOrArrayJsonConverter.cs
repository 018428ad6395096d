using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// Reads <c>Cmd</c>, <c>Entrypoint</c>, <c>Shell</c> and the capability lists the way Docker's
/// <c>strslice.StrSlice</c> does: an array of strings, or a single string taken as a one-element
/// array (so <c>"Entrypoint": ""</c> becomes <c>[""]</c>, which means "reset the entrypoint").
/// Writes always an array, or <c>null</c>.
/// </summary>
public sealed class StringOrArrayJsonConverter : JsonConverter<List<string>>
{
    public override bool HandleNull => false;

    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Null => "", // Go's []string decodes null elements as ""
                        _ => throw new JsonException($"expected a string in the array, found {reader.TokenType}"),
                    });
                }
                return items;
            default:
                throw new JsonException($"expected a string or an array of strings, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
            writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}
