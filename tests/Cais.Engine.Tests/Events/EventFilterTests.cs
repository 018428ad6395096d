using Cais.Api.Models.Events;
using Cais.Engine.Errors;
using Cais.Engine.Events;

namespace Cais.Engine.Tests.Events;

public sealed class EventFilterTests
{
    const string ContainerId = "4f1c2e6a9b0d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e";
    const string ImageId = "sha256:9b0d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e4f1c2e6a";

    static EventFilter Filter(params (string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Value)]));

    static EventMessage Container(string action, Dictionary<string, string>? labels = null)
    {
        var attributes = new Dictionary<string, string>(labels ?? []) { ["name"] = "web-1", ["image"] = "busybox:latest" };
        return new EventMessage { Type = "container", Action = action, Scope = "local", Actor = new EventActor { Id = ContainerId, Attributes = attributes } };
    }

    static EventMessage Image(string action, string name) => new()
    {
        Type = "image", Action = action, Scope = "local",
        Actor = new EventActor { Id = ImageId, Attributes = new() { ["name"] = name } },
    };

    [Fact]
    public void NoFilter_TakesEverything()
    {
        Assert.True(EventFilter.None.Include(Container("start")));
        Assert.True(EventFilter.None.Include(Image("tag", "x:1")));
    }

    [Theory]
    [InlineData("web-1", true)]
    [InlineData("web", true)] // a prefix of the name, as Docker's fuzzy match
    [InlineData("4f1c2e", true)] // a prefix of the id
    [InlineData(ContainerId, true)]
    [InlineData("db", false)]
    public void Container_ByNameOrIdPrefix(string value, bool included) =>
        Assert.Equal(included, Filter(("container", value)).Include(Container("start")));

    [Fact]
    public void Container_LeavesOutEventsOfOtherTypes() =>
        Assert.False(Filter(("container", "web-1")).Include(Image("tag", "x:1")));

    [Fact]
    public void Event_ExactAction_ValuesAreAlternatives()
    {
        var f = Filter(("event", "start"), ("event", "die"));
        Assert.True(f.Include(Container("start")));
        Assert.True(f.Include(Container("die")));
        Assert.False(f.Include(Container("stop")));
        Assert.False(Filter(("event", "sta")).Include(Container("start")));
    }

    [Fact]
    public void Event_ExecStart_MatchesTheActionWithItsCommand() =>
        Assert.True(Filter(("event", "exec_start")).Include(Container("exec_start: sh -c true")));

    [Fact]
    public void Type_Exact()
    {
        Assert.True(Filter(("type", "image")).Include(Image("untag", "x:1")));
        Assert.False(Filter(("type", "image")).Include(Container("start")));
    }

    [Theory]
    [InlineData("busybox", true)] // the container's image without its tag
    [InlineData("busybox:latest", true)]
    [InlineData("alpine", false)]
    public void Image_MatchesAContainersImage(string value, bool included) =>
        Assert.Equal(included, Filter(("image", value)).Include(Container("create")));

    [Fact]
    public void Image_MatchesAnImageEventByNameOrId()
    {
        Assert.True(Filter(("image", "acc-user/committed")).Include(Image("tag", "acc-user/committed:v2")));
        Assert.True(Filter(("image", ImageId)).Include(Image("delete", ImageId)));
        Assert.False(Filter(("image", "busybox")).Include(Image("tag", "acc-user/committed:v2")));
    }

    [Fact]
    public void Label_KeyOrKeyValue_AllMustMatch()
    {
        var labeled = Container("start", new() { ["tier"] = "web", ["team"] = "a" });
        Assert.True(Filter(("label", "tier")).Include(labeled));
        Assert.True(Filter(("label", "tier=web"), ("label", "team=a")).Include(labeled));
        Assert.False(Filter(("label", "tier=web"), ("label", "team=b")).Include(labeled));
        Assert.False(Filter(("label", "tier=db")).Include(labeled));
        Assert.False(Filter(("label", "tier")).Include(Image("tag", "x:1")));
    }

    [Fact]
    public void Keys_AllMustMatch()
    {
        var f = Filter(("type", "container"), ("event", "die"), ("container", "web-1"));
        Assert.True(f.Include(Container("die")));
        Assert.False(f.Include(Container("start")));
    }

    [Fact]
    public void VolumeNetworkDaemon_Accepted_AndLeaveContainerEventsOut()
    {
        Assert.False(Filter(("volume", "data")).Include(Container("start")));
        Assert.False(Filter(("network", "bridge")).Include(Container("start")));
        Assert.False(Filter(("daemon", "abc")).Include(Container("start")));
        var volume = new EventMessage { Type = "volume", Action = "create", Actor = new EventActor { Id = "data" } };
        Assert.True(Filter(("volume", "data")).Include(volume));
    }

    [Fact]
    public void UnknownKey_RefusedNamingIt()
    {
        var e = Assert.Throws<InvalidParameterException>(() => Filter(("colour", "red")));
        Assert.Equal("invalid filter 'colour'", e.Message);
    }
}
