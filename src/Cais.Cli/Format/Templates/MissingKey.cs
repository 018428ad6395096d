namespace Cais.Cli.Format.Templates;

/// <summary>What a field lookup does when a map has no such key (Go's "missingkey" option).</summary>
public enum MissingKey
{
    /// <summary>Go's default: the value is missing and prints as "&lt;no value&gt;".</summary>
    NoValue,

    /// <summary>"missingkey=error": execution stops with "map has no entry for key". docker inspect -f runs its JSON fallback this way.</summary>
    Error,
}
