using Cais.Api.Models.Events;
using Cais.Engine.Events;

namespace Cais.Engine.Tests.Events;

public sealed class EventBusTests
{
    static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    static EventMessage At(DateTimeOffset time, string action = "start", string id = "c1") => new()
    {
        Type = "container", Action = action, Actor = new EventActor { Id = id }, Scope = "local",
        Time = time.ToUnixTimeSeconds(), TimeNano = EventBus.UnixNanos(time),
    };

    static bool All(EventMessage _) => true;

    [Fact]
    public void Subscribe_NeitherSinceNorUntil_NoPastEvents()
    {
        var bus = new EventBus();
        bus.Publish(At(T0));
        using var s = bus.Subscribe(null, null, All);
        Assert.Empty(s.Past);
    }

    [Fact]
    public void Subscribe_Since_PastFromThatInstantInclusive_OldestFirst()
    {
        var bus = new EventBus();
        for (int i = 0; i < 5; i++) bus.Publish(At(T0.AddSeconds(i), "a" + i));
        using var s = bus.Subscribe(T0.AddSeconds(2), null, All);
        Assert.Equal(["a2", "a3", "a4"], s.Past.Select(e => e.Action));
    }

    [Fact]
    public void Subscribe_SinceAndUntil_OnlyTheWindow()
    {
        var bus = new EventBus();
        for (int i = 0; i < 5; i++) bus.Publish(At(T0.AddSeconds(i), "a" + i));
        using var s = bus.Subscribe(T0.AddSeconds(1), T0.AddSeconds(3), All);
        Assert.Equal(["a1", "a2", "a3"], s.Past.Select(e => e.Action));
    }

    [Fact]
    public void Subscribe_UntilOnly_EverythingUpToIt()
    {
        var bus = new EventBus();
        for (int i = 0; i < 3; i++) bus.Publish(At(T0.AddSeconds(i), "a" + i));
        using var s = bus.Subscribe(null, T0.AddSeconds(1), All);
        Assert.Equal(["a0", "a1"], s.Past.Select(e => e.Action));
    }

    [Fact]
    public void Publish_MoreThanTheRing_KeepsTheLast256()
    {
        var bus = new EventBus();
        for (int i = 0; i < EventBus.RecentCapacity + 10; i++) bus.Publish(At(T0.AddMilliseconds(i), "a" + i));
        using var s = bus.Subscribe(DateTimeOffset.UnixEpoch, null, All);
        Assert.Equal(EventBus.RecentCapacity, s.Past.Count);
        Assert.Equal("a10", s.Past[0].Action);
        Assert.Equal("a" + (EventBus.RecentCapacity + 9), s.Past[^1].Action);
    }

    [Fact]
    public void Live_FilteredEventsAfterTheSubscription_NotBefore()
    {
        var bus = new EventBus();
        bus.Publish(At(T0, "before"));
        using var s = bus.Subscribe(null, null, e => e.Action != "skipped");
        bus.Publish(At(T0, "skipped"));
        bus.Publish(At(T0, "after"));
        Assert.True(s.Live.TryRead(out var e));
        Assert.Equal("after", e.Action);
        Assert.False(s.Live.TryRead(out _));
    }

    [Fact]
    public void Dispose_EndsTheLiveStreamAndUnsubscribes()
    {
        var bus = new EventBus();
        var s = bus.Subscribe(null, null, All);
        Assert.Equal(1, bus.SubscriberCount);
        s.Dispose();
        s.Dispose();
        Assert.Equal(0, bus.SubscriberCount);
        Assert.True(s.Live.Completion.IsCompleted);
        bus.Publish(At(T0));
    }

    [Fact]
    public async Task Publish_SubscriberNeverReading_IsDroppedNotBlocking()
    {
        var bus = new EventBus();
        using var stalled = bus.Subscribe(null, null, All);
        using var reading = bus.Subscribe(null, null, All);
        for (int i = 0; i <= EventBus.SubscriberBacklog; i++)
        {
            bus.Publish(At(T0, "a" + i));
            Assert.True(reading.Live.TryRead(out _));
        }
        Assert.Equal(1, bus.SubscriberCount);
        int read = 0;
        var error = await Assert.ThrowsAsync<EventSubscriberTooSlowException>(async () =>
        {
            await foreach (var _ in stalled.Live.ReadAllAsync()) read++;
        });
        Assert.Equal(EventBus.SubscriberBacklog, read); // what was queued is still delivered first
        Assert.Contains("more than 1024 events", error.Message);
    }

    [Fact]
    public void Publish_FilterThrows_EventSkippedForThatSubscriberOnly()
    {
        var bus = new EventBus();
        using var broken = bus.Subscribe(null, null, _ => throw new InvalidOperationException("bad filter"));
        using var fine = bus.Subscribe(null, null, All);
        bus.Publish(At(T0));
        Assert.False(broken.Live.TryRead(out _));
        Assert.True(fine.Live.TryRead(out _));
    }
}
