using System.Globalization;

namespace Cais.Api.Routing;

/// <summary>
/// An API version as clients send it in the path ("1.47"), compared part by part as numbers the
/// way Docker's versions package does ("1.9" &lt; "1.10"; a missing part counts as 0).
/// </summary>
public readonly record struct ApiVersion(string Text) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Max = new(Hosting.ServerIdentity.MaxApiVersion);
    public static readonly ApiVersion Min = new(Hosting.ServerIdentity.MinApiVersion);

    public int CompareTo(ApiVersion other)
    {
        var a = Text.Split('.');
        var b = other.Text.Split('.');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            long x = i < a.Length ? Part(a[i]) : 0, y = i < b.Length ? Part(b[i]) : 0;
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    static long Part(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public bool IsBefore(string version) => CompareTo(new ApiVersion(version)) < 0;

    public bool IsAtLeast(string version) => CompareTo(new ApiVersion(version)) >= 0;

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => Text;
}
