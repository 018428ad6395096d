using Cais.CommandLine;

namespace Cais.Runtime.Tests.CommandLine;

public class FlagSetParseTests
{
    // A slice of `docker run`'s flags.
    sealed class RunFlags
    {
        public readonly FlagSet Set = new("run");
        public readonly Flag<bool> Detach;
        public readonly Flag<bool> Interactive;
        public readonly Flag<bool> Tty;
        public readonly Flag<bool> Rm;
        public readonly Flag<string> Name;
        public readonly Flag<IReadOnlyList<string>> Env;
        public readonly Flag<IReadOnlyList<string>> Publish;
        public readonly Flag<int> CpuShares;
        public readonly Flag<long> Memory;
        public readonly Flag<uint> Uid;

        public RunFlags(bool interspersed = true)
        {
            Set.Interspersed = interspersed;
            Detach = Set.Bool("detach", 'd', "Run container in background and print container ID");
            Interactive = Set.Bool("interactive", 'i', "Keep STDIN open even if not attached");
            Tty = Set.Bool("tty", 't', "Allocate a pseudo-TTY");
            Rm = Set.Bool("rm", null, "Automatically remove the container when it exits");
            Name = Set.String("name", null, "", "Assign a name to the container");
            Env = Set.StringList("env", 'e', "Set environment variables");
            Publish = Set.StringList("publish", 'p', "Publish a container's port(s) to the host");
            CpuShares = Set.Int("cpu-shares", 'c', 0, "CPU shares (relative weight)");
            Memory = Set.Long("memory", 'm', 0, "Memory limit");
            Uid = Set.UInt("uid", null, 0, "User id");
        }

        public IReadOnlyList<string> Parse(params string[] args) => Set.Parse(args);
    }

    [Fact]
    public void Parse_NoArguments_LeavesDefaultsAndNothingSet()
    {
        var f = new RunFlags();
        Assert.Empty(f.Parse());
        Assert.False(f.Detach.Value);
        Assert.False(f.Detach.IsSet);
        Assert.Equal("", f.Name.Value);
        Assert.Empty(f.Env.Value);
        Assert.Equal(-1, f.Set.ArgsLenAtDash);
    }

    [Theory]
    [InlineData("--name", "web")]
    [InlineData("--name=web")]
    public void Parse_LongFlag_TakesValueFromNextArgumentOrAfterEquals(params string[] args)
    {
        var f = new RunFlags();
        f.Parse(args);
        Assert.Equal("web", f.Name.Value);
        Assert.True(f.Name.IsSet);
    }

    [Fact]
    public void Parse_LongFlagWithEmptyValueAfterEquals_SetsEmptyString()
    {
        var f = new RunFlags();
        f.Parse("--name=", "img");
        Assert.Equal("", f.Name.Value);
        Assert.True(f.Name.IsSet);
        Assert.Equal(["img"], f.Set.Args);
    }

    [Theory]
    [InlineData("-c", "512")]
    [InlineData("-c512")]
    [InlineData("-c=512")]
    [InlineData("--cpu-shares", "512")]
    [InlineData("--cpu-shares=512")]
    public void Parse_ShorthandOrLong_AllSpellingsSetTheValue(params string[] args)
    {
        var f = new RunFlags();
        f.Parse(args);
        Assert.Equal(512, f.CpuShares.Value);
    }

    [Fact]
    public void Parse_ValueThatLooksLikeAFlag_IsTakenAsTheValue()
    {
        var f = new RunFlags();
        f.Parse("--name", "-x", "-e", "--y");
        Assert.Equal("-x", f.Name.Value);
        Assert.Equal(["--y"], f.Env.Value);
    }

    [Theory]
    [InlineData("--detach", true)]
    [InlineData("-d", true)]
    [InlineData("--detach=true", true)]
    [InlineData("--detach=false", false)]
    [InlineData("--detach=1", true)]
    [InlineData("--detach=0", false)]
    [InlineData("--detach=T", true)]
    [InlineData("--detach=FALSE", false)]
    [InlineData("-d=false", false)]
    [InlineData("-d=1", true)]
    public void Parse_Bool_AcceptsGoBooleanSpellingsAfterEquals(string arg, bool expected)
    {
        var f = new RunFlags();
        f.Parse(arg);
        Assert.Equal(expected, f.Detach.Value);
        Assert.True(f.Detach.IsSet);
    }

    [Fact]
    public void Parse_BoolFollowedBySeparateFalse_TreatsFalseAsPositional()
    {
        var f = new RunFlags();
        f.Parse("--rm", "false");
        Assert.True(f.Rm.Value);
        Assert.Equal(["false"], f.Set.Args);
    }

    [Fact]
    public void Parse_BoolWithTrueDefault_CanBeTurnedOff()
    {
        var set = new FlagSet();
        var proxy = set.Bool("sig-proxy", null, "Proxy received signals to the process", defaultValue: true);
        set.Parse(["--sig-proxy=false"]);
        Assert.False(proxy.Value);
    }

    [Theory]
    [InlineData("-it")]
    [InlineData("-ti")]
    [InlineData("-i", "-t")]
    public void Parse_BundledBooleans_SetEach(params string[] args)
    {
        var f = new RunFlags();
        f.Parse(args);
        Assert.True(f.Interactive.Value);
        Assert.True(f.Tty.Value);
        Assert.False(f.Detach.Value);
    }

    [Fact]
    public void Parse_ThreeBundledBooleans_SetAll()
    {
        var f = new RunFlags();
        f.Parse("-dit", "busybox");
        Assert.True(f.Detach.Value && f.Interactive.Value && f.Tty.Value);
        Assert.Equal(["busybox"], f.Set.Args);
    }

    [Theory]
    [InlineData("-itp", "80")]
    [InlineData("-itp80")]
    [InlineData("-itp=80")]
    public void Parse_BundleEndingInValueFlag_ValueFromRestOfTokenOrNextArgument(params string[] args)
    {
        var f = new RunFlags();
        f.Parse(args);
        Assert.True(f.Interactive.Value && f.Tty.Value);
        Assert.Equal(["80"], f.Publish.Value);
    }

    [Fact]
    public void Parse_ValueFlagInsideBundle_ConsumesTheRestOfTheToken()
    {
        var f = new RunFlags();
        f.Parse("-ipd");
        Assert.True(f.Interactive.Value);
        Assert.Equal(["d"], f.Publish.Value);
        Assert.False(f.Detach.Value);
    }

    [Fact]
    public void Parse_RepeatedList_CollectsEveryValueWithoutSplittingCommas()
    {
        var f = new RunFlags();
        f.Parse("-e", "A=1", "-e", "B=2", "--env", "C=3,D=4", "--env=E=5", "-eF=6", "-e=G=7");
        Assert.Equal(["A=1", "B=2", "C=3,D=4", "E=5", "F=6", "G=7"], f.Env.Value);
    }

    [Fact]
    public void Parse_RepeatedScalar_LastValueWins()
    {
        var f = new RunFlags();
        f.Parse("--name", "a", "--name=b");
        Assert.Equal("b", f.Name.Value);
    }

    [Fact]
    public void Parse_SingleDash_IsPositional()
    {
        var f = new RunFlags();
        f.Parse("-d", "-", "x");
        Assert.True(f.Detach.Value);
        Assert.Equal(["-", "x"], f.Set.Args);
    }

    [Fact]
    public void Parse_EmptyArgument_IsPositional()
    {
        var f = new RunFlags();
        f.Parse("", "-d");
        Assert.Equal([""], f.Set.Args);
        Assert.True(f.Detach.Value);
    }

    [Fact]
    public void Parse_DoubleDash_EndsFlagsAndIsDropped()
    {
        var f = new RunFlags();
        f.Parse("-d", "--", "-i", "--name", "x");
        Assert.True(f.Detach.Value);
        Assert.False(f.Interactive.Value);
        Assert.Equal(["-i", "--name", "x"], f.Set.Args);
        Assert.Equal(0, f.Set.ArgsLenAtDash);
    }

    [Fact]
    public void Parse_DoubleDashAfterPositionals_RecordsHowManyCameBefore()
    {
        var f = new RunFlags();
        f.Parse("a", "b", "--", "c", "--");
        Assert.Equal(["a", "b", "c", "--"], f.Set.Args);
        Assert.Equal(2, f.Set.ArgsLenAtDash);
    }

    [Fact]
    public void Parse_Interspersed_FlagsAfterPositionalsAreParsed()
    {
        var f = new RunFlags();
        var args = f.Parse("web", "-d", "db", "--name", "x");
        Assert.True(f.Detach.Value);
        Assert.Equal("x", f.Name.Value);
        Assert.Equal(["web", "db"], args);
    }

    [Fact]
    public void Parse_NotInterspersed_StopsAtFirstPositional()
    {
        var f = new RunFlags(interspersed: false);
        var args = f.Parse("--rm", "-it", "busybox", "sh", "-c", "echo hi", "-d", "--bogus");
        Assert.True(f.Rm.Value && f.Interactive.Value && f.Tty.Value);
        Assert.False(f.Detach.Value);
        Assert.Equal(["busybox", "sh", "-c", "echo hi", "-d", "--bogus"], args);
        Assert.Equal(-1, f.Set.ArgsLenAtDash);
    }

    [Fact]
    public void Parse_NotInterspersed_SingleDashStopsParsing()
    {
        var f = new RunFlags(interspersed: false);
        f.Parse("-", "-d");
        Assert.False(f.Detach.Value);
        Assert.Equal(["-", "-d"], f.Set.Args);
    }

    [Fact]
    public void Parse_NotInterspersed_DoubleDashBeforeImageEndsFlags()
    {
        var f = new RunFlags(interspersed: false);
        f.Parse("-d", "--", "-image", "-d");
        Assert.Equal(["-image", "-d"], f.Set.Args);
        Assert.Equal(0, f.Set.ArgsLenAtDash);
    }

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("0o17", 15)]
    [InlineData("017", 15)]
    [InlineData("0b101", 5)]
    [InlineData("-5", -5)]
    [InlineData("+7", 7)]
    [InlineData("1_000", 1000)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Parse_Int_AcceptsGoIntegerLiterals(string text, int expected)
    {
        var f = new RunFlags();
        f.Parse("--cpu-shares", text);
        Assert.Equal(expected, f.CpuShares.Value);
    }

    [Fact]
    public void Parse_LongAndUInt_UseTheirFullRange()
    {
        var f = new RunFlags();
        f.Parse("-m", "9223372036854775807", "--uid", "4294967295");
        Assert.Equal(long.MaxValue, f.Memory.Value);
        Assert.Equal(uint.MaxValue, f.Uid.Value);
    }

    [Fact]
    public void Parse_NegativeShorthandValue_IsTheValue()
    {
        var f = new RunFlags();
        f.Parse("-c", "-1", "-m-2");
        Assert.Equal(-1, f.CpuShares.Value);
        Assert.Equal(-2, f.Memory.Value);
    }

    [Fact]
    public void Parse_Custom_UsesTheGivenParser()
    {
        var set = new FlagSet();
        var size = set.Custom("shm-size", null, 0L, "bytes", "Size of /dev/shm",
            s => s.EndsWith('m') ? long.Parse(s[..^1]) << 20 : long.Parse(s));
        set.Parse(["--shm-size", "64m"]);
        Assert.Equal(64L << 20, size.Value);
    }

    [Fact]
    public void Parse_Alias_SetsTheSameFlag()
    {
        var set = new FlagSet();
        var net = set.String("network", null, "default", "Connect a container to a network").Alias("net");
        set.Parse(["--net", "host"]);
        Assert.Equal("host", net.Value);
        Assert.Same(net, set.Lookup("net"));
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void Parse_DeprecatedAlias_RecordsPflagWarning()
    {
        var set = new FlagSet();
        var links = set.StringList("link", null, "Add link to another container")
            .Alias("links", "use --link instead");
        set.Parse(["--links=db", "--link", "cache"]);
        Assert.Equal(["db", "cache"], links.Value);
        Assert.Equal(["Flag --links has been deprecated, use --link instead"], set.Warnings);
    }

    [Fact]
    public void Parse_DeprecatedFlag_WorksAndRecordsWarning()
    {
        var set = new FlagSet();
        var kernel = set.Long("kernel-memory", null, 0, "Kernel memory limit").Deprecate("and has no effect");
        set.Parse(["--kernel-memory", "5"]);
        Assert.Equal(5, kernel.Value);
        Assert.True(kernel.Hidden);
        Assert.Equal(["Flag --kernel-memory has been deprecated, and has no effect"], set.Warnings);
    }

    [Fact]
    public void Parse_HiddenFlag_StillParses()
    {
        var set = new FlagSet();
        var secret = set.Bool("debug-internal", null, "internal").Hide();
        set.Parse(["--debug-internal"]);
        Assert.True(secret.Value);
    }

    [Fact]
    public void Parse_ImplicitValue_UsedWhenNoValueGiven()
    {
        var set = new FlagSet();
        var color = set.String("color", null, "never", "Colorize").WithImplicitValue("always");
        set.Parse(["--color", "file"]);
        Assert.Equal("always", color.Value);
        Assert.Equal(["file"], set.Args);

        var again = new FlagSet();
        var color2 = again.String("color", null, "never", "Colorize").WithImplicitValue("always");
        again.Parse(["--color=auto"]);
        Assert.Equal("auto", color2.Value);
    }

    [Fact]
    public void Parse_DefinedHelpFlag_IsAnOrdinaryFlag()
    {
        var set = new FlagSet();
        var help = set.Bool("help", 'h', "Print usage");
        set.Parse(["-h"]);
        Assert.True(help.Value);
    }

    [Fact]
    public void Parse_SingleDashLongAllowed_AcceptsUrfaveSpellings()
    {
        var set = new FlagSet { AllowSingleDashLong = true };
        var bundle = set.String("bundle", 'b', "", "path to the root of the bundle directory");
        var root = set.String("root", null, "/run/runc", "root directory");
        var detach = set.Bool("detach", 'd', "detach from the container's process");
        var tty = set.Bool("tty", 't', "allocate a pseudo-TTY");
        set.Parse(["-bundle", "/b", "-root=/r", "-dt", "id"]);
        Assert.Equal("/b", bundle.Value);
        Assert.Equal("/r", root.Value);
        Assert.True(detach.Value && tty.Value);
        Assert.Equal(["id"], set.Args);

        var other = new FlagSet { AllowSingleDashLong = true };
        var b2 = other.String("bundle", 'b', "", "bundle");
        other.Parse(["--b", "/x"]);
        Assert.Equal("/x", b2.Value);
    }

    [Fact]
    public void Parse_SingleDashLongNotAllowed_TreatsTokenAsShorthandBundle()
    {
        var set = new FlagSet();
        set.String("bundle", 'b', "", "bundle");
        var ex = Assert.Throws<FlagException>(() => set.Parse(["-root", "x"]));
        Assert.Equal("unknown shorthand flag: 'r' in -root", ex.Message);
    }

    [Fact]
    public void Parse_CalledAgain_ReplacesPositionalsAndKeepsValues()
    {
        var f = new RunFlags();
        f.Parse("a", "--", "b");
        f.Parse("-d", "c");
        Assert.Equal(["c"], f.Set.Args);
        Assert.Equal(-1, f.Set.ArgsLenAtDash);
        Assert.True(f.Detach.Value);
    }

    [Fact]
    public void Set_ByName_ParsesLikeTheCommandLine()
    {
        var f = new RunFlags();
        f.Set.Set("cpu-shares", "0x20");
        Assert.Equal(32, f.CpuShares.Value);
        Assert.True(f.CpuShares.IsSet);
        Assert.Equal("no such flag -bogus", Assert.Throws<FlagException>(() => f.Set.Set("bogus", "1")).Message);
        Assert.Throws<FlagException>(() => f.Set.Set("detach", "maybe"));
    }
}
