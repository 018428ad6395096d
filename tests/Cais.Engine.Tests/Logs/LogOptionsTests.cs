using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Logs;

public class LogOptionsTests
{
    static LogOptions Parse(params (string Key, string Value)[] options) =>
        LogOptions.Parse(options.Select(o => KeyValuePair.Create(o.Key, o.Value)));

    static string Error(params (string Key, string Value)[] options) =>
        Assert.Throws<InvalidLogArgumentException>(() => Parse(options)).Message;

    [Fact]
    public void Parse_Nothing_NoLimitOneFile()
    {
        var options = LogOptions.Parse(null);

        Assert.Null(options.MaxSize);
        Assert.Equal(1, options.MaxFile);
        Assert.Null(options.Tag);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("10b", 10)]
    [InlineData("10k", 10_000)]
    [InlineData("10m", 10_000_000)]
    [InlineData("10M", 10_000_000)]
    [InlineData("10mb", 10_000_000)]
    [InlineData("10MiB", 10_000_000)] // go-units FromHumanSize: decimal even with "i"
    [InlineData("1.5g", 1_500_000_000)]
    [InlineData("2 m", 2_000_000)]
    [InlineData("1t", 1_000_000_000_000)]
    public void Parse_MaxSize_DecimalUnitsAsDocker(string text, long bytes)
    {
        Assert.Equal(bytes, Parse(("max-size", text)).MaxSize);
    }

    [Theory]
    [InlineData("ten", "invalid max-size 'ten'")]
    [InlineData("10x", "invalid max-size '10x': invalid suffix 'x'")]
    [InlineData("10mbb", "invalid max-size '10mbb': invalid suffix 'mbb'")]
    [InlineData("0", "invalid max-size '0': max-size must be a positive number")]
    [InlineData("", "invalid max-size ''")]
    [InlineData("-1m", "invalid max-size '-1m'")]
    public void Parse_BadMaxSize_ErrorNamesIt(string text, string message)
    {
        Assert.StartsWith(message, Error(("max-size", text)));
    }

    [Fact]
    public void Parse_MaxFile_Read()
    {
        Assert.Equal(5, Parse(("max-size", "1m"), ("max-file", "5")).MaxFile);
    }

    [Theory]
    [InlineData("0", "invalid max-file '0': max-file cannot be less than 1")]
    [InlineData("-2", "invalid max-file '-2': max-file cannot be less than 1")]
    [InlineData("three", "invalid max-file 'three': not an integer")]
    public void Parse_BadMaxFile_ErrorNamesIt(string text, string message)
    {
        Assert.Equal(message, Error(("max-file", text)));
    }

    [Fact]
    public void Parse_UnknownOption_DockersMessage()
    {
        Assert.Equal("unknown log opt 'max-age' for json-file log driver", Error(("max-age", "3")));
    }

    [Fact]
    public void Parse_CompressFalse_Accepted()
    {
        Parse(("compress", "false"));
    }

    [Fact]
    public void Parse_CompressTrue_RefusedClearly()
    {
        string message = Error(("max-size", "1m"), ("max-file", "3"), ("compress", "true"));

        Assert.Contains("does not compress rotated log files", message);
    }

    [Fact]
    public void Parse_CompressWithoutRotation_DockersMessage()
    {
        Assert.Equal("compress cannot be true when max-file is less than 2 or max-size is not set", Error(("compress", "1")));
    }

    [Fact]
    public void Parse_CompressNotABoolean_ErrorNamesIt()
    {
        Assert.StartsWith("invalid compress 'yes'", Error(("compress", "yes")));
    }

    [Fact]
    public void Parse_BadRegex_ErrorNamesOption()
    {
        Assert.StartsWith("invalid labels-regex '(unclosed'", Error(("labels-regex", "(unclosed")));
    }

    [Fact]
    public void Parse_TagWithUnknownField_ErrorNamesIt()
    {
        Assert.Contains("'{{.Nonsense}}' is not supported", Error(("tag", "{{.Nonsense}}")));
    }

    [Fact]
    public void ExtraAttributes_LabelsEnvAndTag_AsDocker()
    {
        var options = Parse(("labels", "team,missing"), ("labels-regex", "^com\\."), ("env", "STAGE"), ("env-regex", "^APP_"),
            ("tag", "{{.Name}}/{{.ID}} on {{ .ImageName }}"));
        var container = new LogContainerInfo(
            Id: "0123456789abcdef0123",
            Name: "/web",
            ImageId: "sha256:feedface",
            ImageName: "nginx:latest",
            Labels: new Dictionary<string, string> { ["team"] = "blue", ["com.example.x"] = "1", ["other"] = "no" },
            Env: ["STAGE=prod", "APP_PORT=80", "PATH=/bin", "NOVALUE"]);

        var attributes = options.ExtraAttributes(container);

        Assert.Equal(new Dictionary<string, string>
        {
            ["team"] = "blue",
            ["com.example.x"] = "1",
            ["STAGE"] = "prod",
            ["APP_PORT"] = "80",
            ["tag"] = "web/0123456789ab on nginx:latest",
        }, attributes);
    }

    [Fact]
    public void ExtraAttributes_NoneAsked_Empty()
    {
        var container = new LogContainerInfo("id", "/n", "img", "image", new Dictionary<string, string> { ["a"] = "b" }, ["A=B"]);

        Assert.Empty(LogOptions.Default.ExtraAttributes(container));
    }
}
