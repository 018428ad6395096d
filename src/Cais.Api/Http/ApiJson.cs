using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cais.Api.Models.Errors;
using Cais.Api.Models.Images;
using Cais.Api.Models.SystemApi;

namespace Cais.Api.Http;

/// <summary>
/// The JSON settings of every API body, source-generated (NativeAOT): Go's encoder as Docker
/// configures it (no HTML escaping of &lt; &gt; &amp;), and Go's decoder's leniency (field names
/// match case-insensitively; unknown fields are ignored).
/// </summary>
public static class ApiJson
{
    /// <summary>Add a model area's context here when its endpoints are served.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(
            ErrorJsonContext.Default,
            ImageJsonContext.Default,
            SystemJsonContext.Default),
    };

    /// <summary>The metadata of a model type; InvalidOperationException when no context above declares it.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
