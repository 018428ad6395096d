using Cais.Cli.Daemon;

namespace Cais.Cli.Tests.Daemon;

public class HelpTextTests
{
    static IEnumerable<string> ListedCommands() =>
        CaisMain.Usage.Split('\n')
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line.Length > 2 && line[2] != ' ')
            .Select(line => line.Trim().Split(' ')[0]);

    [Fact]
    public void Help_ListsEveryDaemonVerb()
    {
        var listed = ListedCommands().ToHashSet(StringComparer.Ordinal);
        var missing = DaemonVerbs.Names.Where(v => !listed.Contains(v)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "cais --help does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void Help_ListsOnlyCommandsThatExist()
    {
        var unknown = ListedCommands().Where(c => c is not ("daemon" or "runtime") && !DaemonVerbs.TryGet(c, out _)).ToList();
        Assert.True(unknown.Count == 0, "cais --help lists commands cais does not have: " + string.Join(", ", unknown));
    }
}
