using Cais.Cli.Format.Templates;
using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Templates people pass to `docker inspect -f`, with the output docker prints.</summary>
public class ExecutionTests
{
    [Theory]
    [InlineData("{{.Name}}", "/web")]
    [InlineData("{{.State.ExitCode}}", "137")]
    [InlineData("{{.State.Running}}", "false")]
    [InlineData("{{.State.Status}} {{.RestartCount}}", "exited 0")]
    [InlineData("{{.HostConfig.NanoCpus}}", "1500000000")]
    [InlineData("{{.HostConfig.CpuShares}}", "0.5")]
    [InlineData("{{.Config.Env}}", "[PATH=/usr/local/sbin:/usr/bin A=<1>&2]")]
    [InlineData("{{.Config.Cmd}}", "[sh -c echo hi && exit 137]")]
    [InlineData("{{.Config.Labels}}", "map[com.example.a:1 com.example.b:2]")]
    [InlineData("{{.NetworkSettings.Ports}}", "map[]")]
    [InlineData("{{.State.Health}}", "<nil>")]
    [InlineData("{{.Config.StopSignal}}", "<nil>")]
    [InlineData("{{.Nope}}", "<no value>")]
    [InlineData("{{.State.Nope.Deeper}}", "<no value>")]
    [InlineData("{{.}}x", "map[Args:[-c echo hi && exit 137] Config:map[Cmd:[sh -c echo hi && exit 137] Env:[PATH=/usr/local/sbin:/usr/bin A=<1>&2] Hostname:4fa6e0f0c678 Image:busybox Labels:map[com.example.a:1 com.example.b:2] StopSignal:<nil>] Created:2024-05-01T10:00:00.123456789Z HostConfig:map[CpuShares:0.5 Memory:0 NanoCpus:1500000000 ShmSize:67108864] Id:4fa6e0f0c6786287e131c3852c58a2e01cc697a68231826813597e4994f1d6e2 Mounts:[map[Destination:/data Name:data RW:true Source:/var/lib/cais/volumes/data/_data Type:volume] map[Destination:/etc/hosts RW:false Source:/etc/hosts Type:bind]] Name:/web NetworkSettings:map[Networks:map[backend:map[Gateway:10.0.0.1 IPAddress:10.0.0.5 MacAddress:02:42:0a:00:00:05] bridge:map[Gateway:172.17.0.1 IPAddress:172.17.0.2 MacAddress:02:42:ac:11:00:02]] Ports:map[]] Path:sh RestartCount:0 State:map[Error: ExitCode:137 Health:<nil> Paused:false Pid:0 Running:false Status:exited]]x")]
    public void Fields_PrintAsGoPrintsThem(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{range .Mounts}}{{.Source}}{{end}}", "/var/lib/cais/volumes/data/_data/etc/hosts")]
    [InlineData("{{range .Mounts}}{{.Destination}} {{end}}", "/data /etc/hosts ")]
    [InlineData("{{range $i, $m := .Mounts}}{{$i}}:{{$m.Type}} {{end}}", "0:volume 1:bind ")]
    [InlineData("{{range $m := .Mounts}}{{$m.Type}},{{end}}", "volume,bind,")]
    [InlineData("{{range $name, $net := .NetworkSettings.Networks}}{{$name}}={{$net.IPAddress}};{{end}}", "backend=10.0.0.5;bridge=172.17.0.2;")]
    [InlineData("{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", "10.0.0.5 172.17.0.2 ")]
    [InlineData("{{range .NetworkSettings.Ports}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range .Nope}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range .State.Health}}x{{end}}", "")]
    [InlineData("{{range .Mounts}}{{$.Name}}{{end}}", "/web/web")]
    [InlineData("{{range $i, $e := .Config.Cmd}}{{if eq $i 1}}{{break}}{{end}}{{$e}};{{end}}", "sh;")]
    [InlineData("{{range $i, $e := .Config.Cmd}}{{if eq $i 1}}{{continue}}{{end}}{{$e}};{{end}}", "sh;echo hi && exit 137;")]
    [InlineData("{{range 3}}{{.}}{{end}}", "012")]
    [InlineData("{{range $i, $v := .Config.Labels}}{{$i}}{{end}}", "com.example.acom.example.b")]
    public void Range_IteratesArraysMapsInKeyOrderAndInts(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{if eq .State.Status \"running\"}}up{{else}}down{{end}}", "down")]
    [InlineData("{{if eq .State.Status \"running\"}}up{{else if eq .State.Status \"exited\"}}exited {{.State.ExitCode}}{{else}}other{{end}}", "exited 137")]
    [InlineData("{{if .State.Running}}r{{end}}", "")]
    [InlineData("{{if .Config.Env}}env{{end}}", "env")]
    [InlineData("{{if .NetworkSettings.Ports}}ports{{else}}no ports{{end}}", "no ports")]
    [InlineData("{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", "none")]
    [InlineData("{{if .State.Pid}}pid{{else}}0{{end}}", "0")]
    [InlineData("{{if .State.Error}}err{{else}}ok{{end}}", "ok")]
    [InlineData("{{if .HostConfig.CpuShares}}shares{{end}}", "shares")]
    [InlineData("{{with .State}}{{.Status}}{{end}}", "exited")]
    [InlineData("{{with .State.Health}}{{.Status}}{{else}}no health{{end}}", "no health")]
    [InlineData("{{with .Nope}}x{{else with .Name}}{{.}}{{end}}", "/web")]
    [InlineData("{{with $n := .Name}}{{$n}}{{end}}", "/web")]
    [InlineData("{{if\n  .State.Running}}r{{else}}s{{end}}", "s")]
    public void IfAndWith_FollowGoTruth(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{$x := .Name}}{{$x}}", "/web")]
    [InlineData("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2")]
    [InlineData("{{$s := .State}}{{$s.ExitCode}}", "137")]
    [InlineData("{{$}}", null)]
    [InlineData("{{with .State}}{{$.Name}}{{end}}", "/web")]
    [InlineData("{{.Name | printf \"%q\"}}", "\"/web\"")]
    [InlineData("{{\"hello\" | upper}}", "HELLO")]
    [InlineData("{{.Config.Image | printf \"%s:%s\" \"img\"}}", "img:busybox")]
    [InlineData("{{printf \"%d-%d\" (len .Args) (len .Mounts)}}", "2-2")]
    [InlineData("{{(index .NetworkSettings.Networks \"bridge\").IPAddress}}", "172.17.0.2")]
    [InlineData("{{(.State).Status}}", "exited")]
    [InlineData("{{.Name | len}}", "4")]
    [InlineData("{{.Name |}}", "/web")]
    public void VariablesAndPipelines_Work(string template, string? expected) =>
        Assert.Equal(expected ?? Run("{{.}}"), Run(template));

    [Theory]
    [InlineData("{{1.5}}", "1.5")]
    [InlineData("{{1e6}}", "1e+06")]
    [InlineData("{{1e3}}", "1000")]
    [InlineData("{{1.0}}", "1")]
    [InlineData("{{-42}}", "-42")]
    [InlineData("{{0x10}} {{0o17}} {{017}} {{0b101}} {{1_000}}", "16 15 15 5 1000")]
    [InlineData("{{'a'}} {{'\\n'}}", "97 10")]
    [InlineData("{{\"a\\tb\\u00e9\\x41\"}}", "a\tbéA")]
    [InlineData("{{`raw\\n`}}", "raw\\n")]
    [InlineData("{{true}} {{false}}", "true false")]
    [InlineData("{{.5}}", "0.5")]
    public void Literals_EvaluateAsGoConstants(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("a  {{- .Path -}}  b", "ashb")]
    [InlineData("x {{- 1}} y", "x1 y")]
    [InlineData("x {{1 -}} y", "x 1y")]
    [InlineData("x\n\t{{- 1 -}}\n\ty", "x1y")]
    [InlineData("a  {{- /* comment */ -}}  b", "ab")]
    [InlineData("a{{/* a\nmultiline comment */}}b", "ab")]
    [InlineData("{{-3}}", "-3")]
    [InlineData("{{range .Mounts -}}\n  {{.Type}}\n{{- end}}", "volumebind")]
    public void TrimMarkersAndComments_EatWhitespace(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("""{"v": 1000000.5}""", "1.0000005e+06")]
    [InlineData("""{"v": 1.0}""", "1")]
    [InlineData("""{"v": 0.000012}""", "1.2e-05")]
    [InlineData("""{"v": 123456.7}""", "123456.7")]
    [InlineData("""{"v": -0.25}""", "-0.25")]
    [InlineData("""{"v": 1e300}""", "1e+300")]
    [InlineData("""{"v": 9007199254740993}""", "9007199254740993")]
    [InlineData("""{"v": [1, "x", null, true, {"k": 2.5}]}""", "[1 x <nil> true map[k:2.5]]")]
    [InlineData("""{"v": []}""", "[]")]
    [InlineData("""{"v": ""}""", "")]
    public void JsonNumbersAndCompounds_PrintAsGo(string json, string expected) => Assert.Equal(expected, Run("{{.v}}", Json(json)));

    [Fact]
    public void Execute_ParsedOnce_RunsManyTimesInParallelWithoutSharedState()
    {
        var template = GoTemplate.Parse("{{range $i, $m := .Mounts}}{{$i}}{{$m.Type}}{{end}}{{$x := .Name}}{{$x}}");
        var data = Inspect();
        var outputs = new string[200];
        Parallel.For(0, outputs.Length, i => outputs[i] = template.Execute(data));
        Assert.All(outputs, o => Assert.Equal("0volume1bind/web", o));
    }

    [Fact]
    public void Execute_MissingKeyError_FailsLikeDockerInspectFallback()
    {
        var e = Assert.Throws<TemplateException>(() => Run("{{.Nope}}", missingKey: MissingKey.Error));
        Assert.Equal("template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"", e.Message);
        Assert.Equal("137", Run("{{.State.ExitCode}}", missingKey: MissingKey.Error));
    }

    [Fact]
    public void Execute_TextWriter_KeepsOutputWrittenBeforeAnError()
    {
        var writer = new StringWriter();
        Assert.Throws<TemplateException>(() => GoTemplate.Parse("before {{.Name.Foo}} after").Execute(writer, Inspect()));
        Assert.Equal("before ", writer.ToString());
    }
}
