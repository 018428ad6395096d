using Cais.CommandLine;

namespace Cais.Runtime.Tests.CommandLine;

public class FlagSetUsageTests
{
    [Fact]
    public void Usage_LaysOutFlagsLikePflag()
    {
        var set = new FlagSet("run");
        set.Bool("detach", 'd', "Run container in background and print container ID");
        set.String("name", null, "", "Assign a name to the container");
        set.StringList("env", 'e', "Set environment variables");
        set.Int("cpu-shares", 'c', 0, "CPU shares (relative weight)");
        set.String("network", null, "default", "Connect a container to a network");
        set.String("workdir", 'w', "", "Working `dir` inside the container");
        set.Long("stop-timeout", null, 10, "Timeout (in seconds) to stop a container");
        set.Bool("sig-proxy", null, "Proxy received signals to the process", defaultValue: true);

        var expected =
            "  -c, --cpu-shares int     CPU shares (relative weight)\n" +
            "  -d, --detach             Run container in background and print container ID\n" +
            "  -e, --env list           Set environment variables\n" +
            "      --name string        Assign a name to the container\n" +
            "      --network string     Connect a container to a network (default \"default\")\n" +
            "      --sig-proxy          Proxy received signals to the process (default true)\n" +
            "      --stop-timeout int   Timeout (in seconds) to stop a container (default 10)\n" +
            "  -w, --workdir dir        Working dir inside the container\n";
        Assert.Equal(expected, set.Usage());
    }

    [Fact]
    public void Usage_HiddenDeprecatedAndAliases_AreLeftOut()
    {
        var set = new FlagSet();
        set.Bool("rm", null, "Automatically remove the container when it exits");
        set.Bool("secret", null, "hidden").Hide();
        set.Long("kernel-memory", null, 0, "old").Deprecate("no effect");
        set.String("network", null, "", "Connect a container to a network").Alias("net");

        var expected =
            "      --network string   Connect a container to a network\n" +
            "      --rm               Automatically remove the container when it exits\n";
        Assert.Equal(expected, set.Usage());
    }

    [Fact]
    public void Usage_SortFlagsOff_KeepsRegistrationOrder()
    {
        var set = new FlagSet { SortFlags = false };
        set.Bool("zeta", 'z', "last letter");
        set.Bool("alpha", 'a', "first letter");
        Assert.Equal(
            "  -z, --zeta    last letter\n" +
            "  -a, --alpha   first letter\n",
            set.Usage());
    }

    [Fact]
    public void Usage_ImplicitValue_ShownAfterTheType()
    {
        var set = new FlagSet();
        set.String("color", null, "", "Colorize").WithImplicitValue("always");
        Assert.Equal("      --color string[=\"always\"]   Colorize\n", set.Usage());
    }

    [Fact]
    public void Usage_NoVisibleFlags_IsEmpty() => Assert.Equal("", new FlagSet().Usage());
}
