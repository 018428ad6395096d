using Cais.Linux;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Launch;

public class MountOptionsTests
{
    [Fact]
    public void Parse_TmpfsOptions_SplitsAttributesFromFilesystemData()
    {
        var o = MountOptions.Parse(["nosuid", "strictatime", "mode=755", "size=65536k"], "/dev");
        Assert.Equal(MountAttr.MOUNT_ATTR_NOSUID | MountAttr.MOUNT_ATTR_STRICTATIME, o.Set);
        Assert.True((o.Clear & MountAttr.MOUNT_ATTR__ATIME) != 0);
        Assert.Equal([new("mode", "755"), new("size", "65536k")], o.Data);
        Assert.False(o.Bind);
    }

    [Fact]
    public void Parse_FlagWithoutValue_IsAFilesystemFlag()
    {
        var o = MountOptions.Parse(["newinstance", "ptmxmode=0666"], "/dev/pts");
        Assert.Equal([new("newinstance", null), new("ptmxmode", "0666")], o.Data);
    }

    [Fact]
    public void Parse_RbindRo_IsRecursiveReadonlyBind()
    {
        var o = MountOptions.Parse(["rbind", "ro"], "/data");
        Assert.True(o.Bind);
        Assert.True(o.Recursive);
        Assert.True(o.ReadOnly);
    }

    [Fact]
    public void Parse_RwAfterRo_ClearsReadonly()
    {
        var o = MountOptions.Parse(["ro", "rw"], "/x");
        Assert.False(o.ReadOnly);
        Assert.True((o.Clear & MountAttr.MOUNT_ATTR_RDONLY) != 0);
    }

    [Theory]
    [InlineData("rprivate", MountFlags.MS_PRIVATE, true)]
    [InlineData("slave", MountFlags.MS_SLAVE, false)]
    [InlineData("rshared", MountFlags.MS_SHARED, true)]
    public void Parse_Propagation_IsRecorded(string option, MountFlags flag, bool recursive)
    {
        var o = MountOptions.Parse(["bind", option], "/x");
        Assert.Equal(flag, o.Propagation);
        Assert.Equal(recursive, o.PropagationRecursive);
    }

    [Fact]
    public void Parse_RecursiveAttribute_IsAccepted()
    {
        var o = MountOptions.Parse(["rbind", "rro", "rnosuid"], "/x");
        Assert.True(o.ReadOnly);
        Assert.True((o.Set & MountAttr.MOUNT_ATTR_NOSUID) != 0);
    }

    [Theory]
    [InlineData("idmap")]
    [InlineData("tmpcopyup")]
    public void Parse_UnsupportedOption_IsRefusedNamingTheMount(string option)
    {
        var e = Assert.Throws<InvalidSpecException>(() => MountOptions.Parse([option], "/data"));
        Assert.Contains("/data", e.Message);
    }

    [Fact]
    public void ParsePropagation_Unknown_Throws() =>
        Assert.Throws<InvalidSpecException>(() => MountOptions.ParsePropagation("sideways"));
}
