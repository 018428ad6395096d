namespace Cais.Runtime.Launch;

/// <summary>Where the container's args[0] may be: itself if it has a slash, else each $PATH directory.</summary>
public static class ExecutableLookup
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static List<string> Candidates(string program, IReadOnlyList<string> env)
    {
        if (program.Length == 0) throw new Spec.InvalidSpecException("process.args[0] is empty");
        if (program.Contains('/')) return [program];
        var path = env.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? DefaultPath;
        var list = new List<string>();
        foreach (var dir in path.Split(':'))
            list.Add((dir.Length == 0 ? "." : dir.TrimEnd('/')) + "/" + program);
        return list;
    }
}
