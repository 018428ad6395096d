using System.Globalization;
using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --restart no | always | unless-stopped | on-failure[:MAX-RETRIES]. Only the form is checked
/// here; the daemon judges the policy itself (as with docker, its refusal is its error).
/// </summary>
public static class RestartPolicyOption
{
    public static RestartPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return new RestartPolicy { Name = "no" };
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        if (colon == 0) throw new InvalidOptionException("invalid restart policy format: no policy provided before colon");
        var policy = new RestartPolicy { Name = name };
        if (colon >= 0 && colon < text.Length - 1)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                throw new InvalidOptionException("invalid restart policy format: maximum retry count must be an integer");
            policy.MaximumRetryCount = count;
        }
        return policy;
    }

    public static bool IsNone(RestartPolicy policy) => policy.Name is "" or "no";
}
