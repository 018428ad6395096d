using System.Threading.Channels;
using Cais.Api.Models.Events;

namespace Cais.Engine.Events;

/// <summary>
/// The daemon's event stream: every event goes to the subscribers whose filter takes it, and
/// into a ring of the most recent ones, which a subscriber asking for <c>since</c> or
/// <c>until</c> reads first. Publishing and subscribing take one lock, so a subscriber sees each
/// event exactly once: in the past part or live, never both, never neither.
/// </summary>
public sealed class EventBus
{
    /// <summary>How many past events are kept (Docker keeps 256).</summary>
    public const int RecentCapacity = 256;

    /// <summary>Events queued for one subscriber that does not read; past this it is dropped (see <see cref="Publish"/>).</summary>
    public const int SubscriberBacklog = 1024;

    readonly Lock gate = new();
    readonly Queue<EventMessage> recent = new(RecentCapacity);
    readonly List<Subscriber> subscribers = [];

    sealed record Subscriber(Channel<EventMessage> Channel, Func<EventMessage, bool> Include);

    /// <summary>The number of live subscriptions (for tests and /info).</summary>
    public int SubscriberCount
    {
        get { lock (gate) return subscribers.Count; }
    }

    /// <summary>
    /// Records <paramref name="message"/> and hands it to every subscriber it matches. Never
    /// blocks the engine: a subscriber whose backlog is full is ended with
    /// <see cref="EventSubscriberTooSlowException"/> (its stream closes) rather than silently
    /// missing events; it can come back with <c>since</c>.
    /// </summary>
    public void Publish(EventMessage message)
    {
        lock (gate)
        {
            if (recent.Count == RecentCapacity) recent.Dequeue();
            recent.Enqueue(message);
            for (int i = subscribers.Count - 1; i >= 0; i--)
            {
                var s = subscribers[i];
                if (!Matches(s.Include, message)) continue;
                if (s.Channel.Writer.TryWrite(message)) continue;
                s.Channel.Writer.TryComplete(new EventSubscriberTooSlowException());
                subscribers.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Starts a subscription: the recent events between <paramref name="since"/> and
    /// <paramref name="until"/> (both inclusive; none at all when neither is given, as Docker
    /// does) and every later event that <paramref name="include"/> takes. Dispose it to stop.
    /// </summary>
    public EventSubscription Subscribe(DateTimeOffset? since, DateTimeOffset? until, Func<EventMessage, bool> include)
    {
        var channel = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(SubscriberBacklog)
        {
            SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait,
        });
        var subscriber = new Subscriber(channel, include);
        List<EventMessage> past = [];
        lock (gate)
        {
            if (since is not null || until is not null)
            {
                long sinceNano = since is { } s ? UnixNanos(s) : long.MinValue;
                long untilNano = until is { } u ? UnixNanos(u) : long.MaxValue;
                foreach (var m in recent)
                    if (m.TimeNano >= sinceNano && m.TimeNano <= untilNano && Matches(include, m)) past.Add(m);
            }
            subscribers.Add(subscriber);
        }
        return new EventSubscription(past, channel.Reader, () => Unsubscribe(subscriber));
    }

    void Unsubscribe(Subscriber subscriber)
    {
        lock (gate) subscribers.Remove(subscriber);
        subscriber.Channel.Writer.TryComplete();
    }

    static bool Matches(Func<EventMessage, bool> include, EventMessage message)
    {
        // A filter is plain code over strings; should one throw, the event is not for it, and
        // the engine operation that published it must not fail.
        try { return include(message); }
        catch (Exception e) when (e is not OutOfMemoryException) { return false; }
    }

    /// <summary>Nanoseconds since the Unix epoch (the events' timeNano).</summary>
    public static long UnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}

/// <summary>One subscriber's view: the past events it asked for, then the live ones.</summary>
public sealed class EventSubscription(IReadOnlyList<EventMessage> past, ChannelReader<EventMessage> live, Action unsubscribe) : IDisposable
{
    int disposed;

    /// <summary>Recent events in the asked window, oldest first.</summary>
    public IReadOnlyList<EventMessage> Past { get; } = past;

    /// <summary>Events published after the subscription began; completes when it is disposed (or dropped for being too slow).</summary>
    public ChannelReader<EventMessage> Live { get; } = live;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
    }
}

/// <summary>A subscriber let <see cref="EventBus.SubscriberBacklog"/> events pile up unread and was dropped.</summary>
public sealed class EventSubscriberTooSlowException()
    : Exception($"the event stream was closed: more than {EventBus.SubscriberBacklog} events were waiting for this client");
