using Cais.Runtime.Spec;
using Cais.Runtime.State;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.State;

public class StateStoreTests : IDisposable
{
    readonly TempDir root = new();

    public void Dispose() => root.Dispose();

    [Theory]
    [InlineData("abc")]
    [InlineData("a_b-c.d+e")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ValidateId_Good_Passes(string id) => StateStore.ValidateId(id);

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void ValidateId_Bad_IsRefused(string id) => Assert.Throws<InvalidSpecException>(() => StateStore.ValidateId(id));

    [Fact]
    public void CreateDir_Twice_SaysTheIdExists()
    {
        var store = new StateStore(root.Path);
        store.CreateDir("c1");
        Assert.Throws<ContainerExistsException>(() => store.CreateDir("c1"));
    }

    [Fact]
    public void SaveLoad_RoundTrips()
    {
        var store = new StateStore(root.Path);
        store.CreateDir("c1");
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        store.Save(new ContainerState { Id = "c1", Bundle = "/b", Pid = 42, PidStartTime = 7, Phase = Phases.Created, Created = created, Namespaces = ["pid"] });
        var s = store.Load("c1");
        Assert.Equal((42, 7UL, Phases.Created, "/b", created), (s.Pid, s.PidStartTime, s.Phase, s.Bundle, s.Created));
        Assert.Equal(["pid"], s.Namespaces);
        Assert.Empty(Directory.GetFiles(store.DirOf("c1"), "*.tmp"));
    }

    [Fact]
    public void Load_Missing_IsNotFound() =>
        Assert.Throws<ContainerNotFoundException>(() => new StateStore(root.Path).Load("nope"));

    [Fact]
    public void Load_DirectoryWithoutState_IsACreateThatDiedEarly()
    {
        var store = new StateStore(root.Path);
        store.CreateDir("c1");
        var s = store.Load("c1");
        Assert.Equal(Phases.Creating, s.Phase);
        Assert.Equal(0, s.Pid);
    }

    [Fact]
    public void Ids_AreSorted()
    {
        var store = new StateStore(root.Path);
        foreach (var id in new[] { "b", "a", "c" }) store.CreateDir(id);
        Assert.Equal(["a", "b", "c"], store.Ids());
    }
}
