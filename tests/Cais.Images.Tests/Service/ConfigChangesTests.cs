using Cais.Images.Model;
using Cais.Images.Service;

namespace Cais.Images.Tests.Service;

public class ConfigChangesTests
{
    static ContainerConfig Apply(params string[] changes) => ConfigChanges.Apply(null, changes);

    [Fact]
    public void Cmd_ExecForm_IsTakenAsIs() => Assert.Equal(["echo", "hi there"], Apply("CMD [\"echo\", \"hi there\"]").Cmd);

    [Fact]
    public void Cmd_ShellForm_IsWrappedInSh() => Assert.Equal(["/bin/sh", "-c", "echo hi && ls"], Apply("CMD echo hi && ls").Cmd);

    [Fact]
    public void Entrypoint_And_LowercaseInstruction_Work() => Assert.Equal(["/bin/app"], Apply("entrypoint [\"/bin/app\"]").Entrypoint);

    [Fact]
    public void Env_BothFormsAndOverride()
    {
        var c = ConfigChanges.Apply(new ContainerConfig { Env = ["PATH=/bin", "A=old"] }, ["ENV A=new B=\"two words\"", "ENV C legacy value"]);
        Assert.Equal(["PATH=/bin", "A=new", "B=two words", "C=legacy value"], c.Env);
    }

    [Fact]
    public void Label_QuotedValues() =>
        Assert.Equal("hello world", Apply("LABEL a=\"hello world\" b=2").Labels!["a"]);

    [Fact]
    public void Expose_PortsProtocolsAndRanges() =>
        Assert.Equal(["80/tcp", "53/udp", "8000/tcp", "8001/tcp"], Apply("EXPOSE 80 53/udp 8000-8001").ExposedPorts!.Keys);

    [Fact]
    public void Volume_JsonAndWords()
    {
        Assert.Equal(["/data", "/logs"], Apply("VOLUME [\"/data\", \"/logs\"]").Volumes!.Keys);
        Assert.Equal(["/a", "/b"], Apply("VOLUME /a /b").Volumes!.Keys);
    }

    [Fact]
    public void Workdir_RelativeJoinsThePrevious() => Assert.Equal("/app/sub", Apply("WORKDIR /app", "WORKDIR sub").WorkingDir);

    [Fact]
    public void User_And_Onbuild()
    {
        var c = Apply("USER 1000:1000", "ONBUILD RUN make");
        Assert.Equal("1000:1000", c.User);
        Assert.Equal(["RUN make"], c.OnBuild);
    }

    [Theory]
    [InlineData("FROM busybox", "FROM is not a valid change command")]
    [InlineData("RUN ls", "RUN is not a valid change command")]
    [InlineData("USER", "USER requires an argument")]
    [InlineData("EXPOSE 99999", "invalid containerPort")]
    [InlineData("EXPOSE 80/icmp", "invalid proto")]
    [InlineData("LABEL novalue", "key=value")]
    [InlineData("ENV A=\"unterminated", "unterminated quote")]
    public void Bad_Change_IsNamed(string change, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => Apply(change)).Message);
}
