using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// A Go map as <c>encoding/json</c> writes it: keys in byte order, whatever order they were added
/// in. Docker's daemon answers that way, clients compare and print what they get (`docker inspect`
/// indents the raw answer, `{{json .Config.ExposedPorts}}` re-encodes it), so cais must too.
/// Reading is a plain object of <typeparamref name="TValue"/>, a later duplicate key winning as in Go.
/// </summary>
public sealed class GoMapConverter<TValue> : JsonConverter<Dictionary<string, TValue>>
{
    public override Dictionary<string, TValue>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"expected an object, found {reader.TokenType}");
        var valueInfo = ValueInfo(options);
        var map = new Dictionary<string, TValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = JsonSerializer.Deserialize(ref reader, valueInfo)!;
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, TValue> value, JsonSerializerOptions options)
    {
        var valueInfo = ValueInfo(options);
        writer.WriteStartObject();
        foreach (var key in value.Keys.Order(StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value[key], valueInfo);
        }
        writer.WriteEndObject();
    }

    static JsonTypeInfo<TValue> ValueInfo(JsonSerializerOptions options) => (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
}
