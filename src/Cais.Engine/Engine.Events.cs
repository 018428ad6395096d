using Cais.Engine.Events;

namespace Cais.Engine;

// The event stream (GET /events): engine operations publish through Events, one call each.
public sealed partial class Engine
{
    /// <summary>Container, image (and later volume and network) events; see <see cref="EngineEvents"/>.</summary>
    public EngineEvents Events { get; }

    /// <summary>Recent events in the window, then live ones the filter takes; dispose to stop.</summary>
    public EventSubscription SubscribeToEvents(DateTimeOffset? since, DateTimeOffset? until, EventFilter filter) =>
        Events.Bus.Subscribe(since, until, filter.Include);
}
