using Cais.Cli.Format.Templates;
using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Go's predefined template functions and the ones docker adds.</summary>
public class FunctionTests
{
    [Theory]
    [InlineData("{{json .Config.Env}}", """["PATH=/usr/local/sbin:/usr/bin","A=<1>&2"]""")]
    [InlineData("{{json .Config.Labels}}", """{"com.example.b":"2","com.example.a":"1"}""")]
    [InlineData("{{json .State}}", """{"Status":"exited","Running":false,"Paused":false,"ExitCode":137,"Pid":0,"Error":"","Health":null}""")]
    [InlineData("{{json .HostConfig}}", """{"Memory":0,"NanoCpus":1500000000,"CpuShares":0.5,"ShmSize":67108864}""")]
    [InlineData("{{json .Name}}", "\"/web\"")]
    [InlineData("{{json .Nope}}", "null")]
    [InlineData("{{json 1.5}} {{json 1e21}} {{json 0.0000001}} {{json 3}}", "1.5 1e+21 1e-7 3")]
    [InlineData("{{json \"tab\\there \\\"q\\\" \\\\ \\u0001 \\u2028\"}}", "\"tab\\there \\\"q\\\" \\\\ \\u0001 \\u2028\"")]
    [InlineData("{{json (split \"a,b\" \",\")}}", """["a","b"]""")]
    public void Json_IsCompactAndKeepsTheDataOrder(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void Json_OfRowObject_HasSortedKeysAndEscapesHtmlAsDockerDoes()
    {
        string json = GoTemplate.Parse("{{json .}}").Execute(TemplateValue.FromObject(ContainerRow.Web()));
        Assert.Equal("""{"Command":"\"nginx -g 'daemon off;'\"","ID":"4fa6e0f0c678","Image":"nginx:latest","Labels":"com.example.team=edge,tier=front","Names":"web","Ports":"0.0.0.0:8080-\u003e80/tcp","Status":"Up 2 minutes"}""", json);
    }

    [Theory]
    [InlineData("{{join .Args \",\"}}", "-c,echo hi && exit 137")]
    [InlineData("{{join .Config.Env \" \"}}", "PATH=/usr/local/sbin:/usr/bin A=<1>&2")]
    [InlineData("{{join .Nope \",\"}}", "")]
    [InlineData("{{split \"a,b,c\" \",\"}}", "[a b c]")]
    [InlineData("{{len (split \"\" \",\")}}", "1")]
    [InlineData("{{split \"héy\" \"\"}}", "[h é y]")]
    [InlineData("{{join (split \"a b c\" \" \") \"-\"}}", "a-b-c")]
    [InlineData("{{lower \"ABC Déf\"}}", "abc déf")]
    [InlineData("{{upper .State.Status}}", "EXITED")]
    [InlineData("{{title \"hello wORLD foo_bar x-y it's\"}}", "Hello WORLD Foo_bar X-Y It'S")]
    [InlineData("[{{pad \"x\" 2 3}}]", "[  x   ]")]
    [InlineData("[{{pad \"\" 2 3}}]", "[]")]
    [InlineData("{{truncate \"abcdef\" 3}}", "abc")]
    [InlineData("{{truncate \"ab\" 3}}", "ab")]
    [InlineData("{{truncate .Id 12}}", "4fa6e0f0c678")]
    [InlineData("{{truncate .Id 12.0}}", "4fa6e0f0c678")]
    public void DockerFunctions_MatchDockerCli(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{print 1 2 \"a\" 3 \"b\" \"c\"}}", "1 2a3bc")]
    [InlineData("{{print .Nope}}", "<nil>")]
    [InlineData("{{println \"a\" 1}}", "a 1\n")]
    [InlineData("{{len .Mounts}} {{len .Config.Labels}} {{len \"héllo\"}}", "2 2 6")]
    [InlineData("{{len (print 1 2)}}", "3")]
    [InlineData("{{index .Config.Cmd 1}}", "-c")]
    [InlineData("{{index .Config.Labels \"com.example.a\"}}", "1")]
    [InlineData("{{index .Config.Labels \"nope\"}}", "<no value>")]
    [InlineData("{{index . \"State\" \"ExitCode\"}}", "137")]
    [InlineData("{{index .NetworkSettings.Networks \"bridge\"}}", "map[Gateway:172.17.0.1 IPAddress:172.17.0.2 MacAddress:02:42:ac:11:00:02]")]
    [InlineData("{{index .Mounts 1 \"Source\"}}", "/etc/hosts")]
    [InlineData("{{index \"abc\" 1}}", "98")]
    [InlineData("{{index .Args}}", "[-c echo hi && exit 137]")]
    [InlineData("{{slice .Config.Cmd 1}}", "[-c echo hi && exit 137]")]
    [InlineData("{{slice .Config.Cmd 1 2}}", "[-c]")]
    [InlineData("{{slice \"abcdef\" 1 3}}", "bc")]
    [InlineData("{{slice \"abcdef\"}}", "abcdef")]
    public void CollectionsAndPrinting_FollowGo(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{eq .State.Status \"running\" \"exited\"}}", "true")]
    [InlineData("{{eq .State.Status \"running\" \"paused\"}}", "false")]
    [InlineData("{{ne .State.ExitCode 0}}", "true")]
    [InlineData("{{eq .State.ExitCode 137}}", "true")]
    [InlineData("{{eq .State.ExitCode 137.0}}", "true")]
    [InlineData("{{eq .Nope \"x\"}}", "false")]
    [InlineData("{{eq .State.Health nil}}", "true")]
    [InlineData("{{eq .State.Running false}}", "true")]
    [InlineData("{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}} {{lt 1.5 2}} {{gt 3 2.5}}", "true true true false true true")]
    [InlineData("{{and 1 0 \"x\"}}", "0")]
    [InlineData("{{and 1 \"x\"}}", "x")]
    [InlineData("{{or 0 \"\" \"y\"}}", "y")]
    [InlineData("[{{or 0 \"\"}}]", "[]")]
    [InlineData("{{or .State.Status (index .Args 99)}}", "exited")]
    [InlineData("{{and false (index .Args 99)}}", "false")]
    [InlineData("{{true | and 1}}", "true")]
    [InlineData("{{not .State.Running}} {{not .Config.Env}} {{not .Nope}}", "true false true")]
    [InlineData("{{if and .State.ExitCode (not .State.Running)}}crashed{{end}}", "crashed")]
    public void ComparisonsAndLogic_FollowGo(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{html \"<a href='x'>&\\\"</a>\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;")]
    [InlineData("{{js \"it's <b>\"}}", "it\\'s \\u003Cb\\u003E")]
    [InlineData("{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9")]
    [InlineData("{{html 1 2}}", "1 2")]
    public void Escapers_MatchGo(string template, string expected) => Assert.Equal(expected, Run(template));
}
