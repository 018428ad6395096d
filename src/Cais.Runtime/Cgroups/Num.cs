namespace Cais.Runtime.Cgroups;

/// <summary>Numbers as the kernel parses them: invariant digits, no grouping.</summary>
internal static class Num
{
    public static string Of(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Of(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
