using System.Text.Json.Nodes;

namespace Cais.Api.Tests.Models;

/// <summary>
/// Checks that every property of an expected JSON document appears, with the same value and
/// the same (case-sensitive) name, in the actual one. Round-tripping a swagger example through
/// a model and checking the example is a subset of the output proves the model reads and writes
/// each field under Docker's name.
/// </summary>
static class JsonSubset
{
    public static void AssertContains(string expectedJson, string actualJson)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualJson);
        var problems = new List<string>();
        Compare(expected, actual, "$", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n--- actual:\n" + actualJson);
    }

    static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> problems)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                    problems.Add($"{path}: expected null, got {actual.ToJsonString()}");
                break;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    problems.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                    break;
                }
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                        problems.Add($"{path}.{name}: missing");
                    else
                        Compare(value, actualValue, $"{path}.{name}", problems);
                }
                break;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    problems.Add($"{path}: expected {expectedArray.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                    break;
                }
                for (var i = 0; i < expectedArray.Count; i++)
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", problems);
                break;
            default:
                if (actual is not JsonValue || expected.ToJsonString() != actual.ToJsonString())
                    problems.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
