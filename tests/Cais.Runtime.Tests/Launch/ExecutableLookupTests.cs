using Cais.Runtime.Launch;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Launch;

public class ExecutableLookupTests
{
    [Fact]
    public void Candidates_PathWithSlash_IsTakenAsIs() =>
        Assert.Equal(["/bin/sh"], ExecutableLookup.Candidates("/bin/sh", ["PATH=/x"]));

    [Fact]
    public void Candidates_BareName_TriesEachPathDirectoryInOrder() =>
        Assert.Equal(["/a/ls", "/b/ls", "./ls"], ExecutableLookup.Candidates("ls", ["PATH=/a:/b/:"]));

    [Fact]
    public void Candidates_NoPath_UsesTheDefault() =>
        Assert.Equal(ExecutableLookup.DefaultPath.Split(':').Length, ExecutableLookup.Candidates("ls", []).Count);

    [Fact]
    public void Candidates_LastPathWins() =>
        Assert.Equal(["/second/ls"], ExecutableLookup.Candidates("ls", ["PATH=/first", "PATH=/second"]));

    [Fact]
    public void Candidates_Empty_Throws() => Assert.Throws<InvalidSpecException>(() => ExecutableLookup.Candidates("", []));
}
