using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// Docker decodes request bodies with Go's <c>encoding/json</c>, where <c>null</c> for a string,
/// number or boolean leaves the zero value (<c>""</c>, <c>0</c>, <c>false</c>). Clients rely on
/// that: docker-py sends <c>"Hostname": null</c>, <c>"WorkingDir": null</c> and the like for every
/// option the user did not give. This factory gives System.Text.Json the same tolerance for
/// strings, booleans and integers; their nullable forms keep <c>null</c> meaning "unset" where
/// Docker uses a pointer (<c>OomKillDisable</c>, <c>PidsLimit</c>, <c>StopTimeout</c>). Every
/// JSON context of the Engine API models lists it in <c>JsonSourceGenerationOptions.Converters</c>.
/// It also writes the maps of the container models with sorted keys (<see cref="GoMapConverter{TValue}"/>).
/// </summary>
public sealed class GoJsonConverterFactory : JsonConverterFactory
{
    // Stateless converters, one per type; looked up by exact type so no reflection is needed.
    static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(string)] = new GoStringConverter(),
        [typeof(bool)] = new GoBooleanConverter(),
        [typeof(int)] = new GoInt32Converter(),
        [typeof(long)] = new GoInt64Converter(),
        [typeof(ushort)] = new GoUInt16Converter(),
        [typeof(uint)] = new GoUInt32Converter(),
        [typeof(ulong)] = new GoUInt64Converter(),
        [typeof(bool?)] = new GoNullableConverter<bool, GoBooleanConverter>(),
        [typeof(int?)] = new GoNullableConverter<int, GoInt32Converter>(),
        [typeof(long?)] = new GoNullableConverter<long, GoInt64Converter>(),
        [typeof(ushort?)] = new GoNullableConverter<ushort, GoUInt16Converter>(),
        [typeof(uint?)] = new GoNullableConverter<uint, GoUInt32Converter>(),
        [typeof(ulong?)] = new GoNullableConverter<ulong, GoUInt64Converter>(),
        // Maps are written with sorted keys, as Go writes them.
        [typeof(Dictionary<string, string>)] = new GoMapConverter<string>(),
        [typeof(Dictionary<string, EmptyObject>)] = new GoMapConverter<EmptyObject>(),
        [typeof(Dictionary<string, List<PortBinding>>)] = new GoMapConverter<List<PortBinding>>(),
        [typeof(Dictionary<string, EndpointSettings>)] = new GoMapConverter<EndpointSettings>(),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter)
            ? converter
            : throw new NotSupportedException($"{nameof(GoJsonConverterFactory)} does not convert {typeToConvert}");
}

/// <summary>Strings: <c>null</c> reads as <c>""</c>; <c>null</c> writes as <c>null</c>.</summary>
public sealed class GoStringConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => "",
            JsonTokenType.String => reader.GetString()!,
            _ => throw new JsonException($"expected a string, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}

/// <summary>A value type whose JSON <c>null</c> reads as the type's zero value, as Go does.</summary>
public abstract class GoValueConverter<T> : JsonConverter<T> where T : struct
{
    public sealed override bool HandleNull => true;

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : ReadValue(ref reader);

    /// <summary>Reads a non-null token; a token of the wrong kind throws <see cref="JsonException"/>.</summary>
    protected internal abstract T ReadValue(ref Utf8JsonReader reader);

    protected static JsonException WrongToken(ref Utf8JsonReader reader, string expected) =>
        new($"expected {expected}, found {reader.TokenType}");

    protected static void RequireNumber(ref Utf8JsonReader reader, string expected)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw WrongToken(ref reader, expected);
    }
}

public sealed class GoBooleanConverter : GoValueConverter<bool>
{
    protected internal override bool ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongToken(ref reader, "true or false"),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}

public sealed class GoInt32Converter : GoValueConverter<int>
{
    protected internal override int ReadValue(ref Utf8JsonReader reader)
    {
        RequireNumber(ref reader, "a 32-bit integer");
        return reader.GetInt32();
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

public sealed class GoInt64Converter : GoValueConverter<long>
{
    protected internal override long ReadValue(ref Utf8JsonReader reader)
    {
        RequireNumber(ref reader, "a 64-bit integer");
        return reader.GetInt64();
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

public sealed class GoUInt16Converter : GoValueConverter<ushort>
{
    protected internal override ushort ReadValue(ref Utf8JsonReader reader)
    {
        RequireNumber(ref reader, "an unsigned 16-bit integer");
        return reader.GetUInt16();
    }

    public override void Write(Utf8JsonWriter writer, ushort value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

public sealed class GoUInt32Converter : GoValueConverter<uint>
{
    protected internal override uint ReadValue(ref Utf8JsonReader reader)
    {
        RequireNumber(ref reader, "an unsigned 32-bit integer");
        return reader.GetUInt32();
    }

    public override void Write(Utf8JsonWriter writer, uint value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

public sealed class GoUInt64Converter : GoValueConverter<ulong>
{
    protected internal override ulong ReadValue(ref Utf8JsonReader reader)
    {
        RequireNumber(ref reader, "an unsigned 64-bit integer");
        return reader.GetUInt64();
    }

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>
/// A Go pointer to a value (<c>*bool</c>, <c>*int64</c>): <c>null</c> stays null (unset), anything
/// else reads as <typeparamref name="TInner"/> reads it. Needed because the built-in nullable
/// wrapper would hand <c>null</c> to a converter that handles null, turning "unset" into zero.
/// </summary>
public sealed class GoNullableConverter<T, TInner> : JsonConverter<T?>
    where T : struct
    where TInner : GoValueConverter<T>, new()
{
    static readonly TInner Inner = new();

    public override bool HandleNull => false;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Inner.ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options) =>
        Inner.Write(writer, value!.Value, options);
}
