using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cais.Engine.Errors;

namespace Cais.Engine.Containers;

/// <summary>Container names as Docker has them: "/name" inside, "name" for the user.</summary>
public static partial class ContainerNames
{
    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Valid();

    /// <summary>Whether Docker accepts <paramref name="name"/> ("x" or "/x") as a container name.</summary>
    public static bool IsValid(string name) => Valid().IsMatch(name);

    /// <summary>The stored form ("/name") of a user's name, refusing what Docker refuses.</summary>
    public static string Normalize(string name)
    {
        if (!Valid().IsMatch(name))
            throw new InvalidParameterException($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return name.StartsWith('/') ? name : "/" + name;
    }

    // Our own word lists (adjective_noun as Docker's generator makes): readable, memorable, and
    // 60 x 60 names before a retry adds digits.
    static readonly string[] Adjectives =
    [
        "agile", "amber", "ancient", "bold", "brave", "bright", "brisk", "calm", "candid", "clever",
        "cosmic", "crisp", "curious", "daring", "deep", "eager", "earnest", "elated", "epic", "fair",
        "fancy", "fearless", "fervent", "gentle", "glad", "golden", "graceful", "happy", "hardy", "humble",
        "jolly", "keen", "kind", "lively", "loyal", "lucid", "merry", "mighty", "modest", "nimble",
        "noble", "patient", "plucky", "polite", "proud", "quick", "quiet", "radiant", "serene", "sharp",
        "shiny", "silent", "steady", "sturdy", "sunny", "swift", "tender", "vivid", "warm", "witty",
    ];

    static readonly string[] Nouns =
    [
        "albatross", "badger", "beacon", "birch", "canyon", "cedar", "comet", "condor", "coral", "cypress",
        "delta", "dolphin", "dune", "eagle", "ember", "falcon", "fjord", "galaxy", "geyser", "glacier",
        "harbor", "heron", "horizon", "ibis", "island", "jaguar", "juniper", "kestrel", "lagoon", "lantern",
        "lynx", "maple", "meadow", "meteor", "nebula", "oasis", "orca", "otter", "panther", "pebble",
        "pelican", "pine", "prairie", "quasar", "raven", "reef", "river", "sequoia", "sparrow", "summit",
        "tundra", "valley", "walrus", "willow", "yak", "zephyr", "aurora", "basalt", "cobalt", "puffin",
    ];

    /// <summary>A random "/adjective_noun" (with a digit suffix after a few collisions).</summary>
    public static string Generate(Func<string, bool> taken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var name = $"/{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}_{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}";
            if (attempt >= 3) name += RandomNumberGenerator.GetInt32(10, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken(name)) return name;
        }
    }

    /// <summary>A new container id: 64 random hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
