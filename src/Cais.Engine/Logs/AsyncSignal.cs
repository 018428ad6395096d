namespace Cais.Engine.Logs;

/// <summary>
/// A wake-up call that is never lost: <see cref="Set"/> before anyone waits makes the next
/// <see cref="WaitAsync"/> return at once; many Sets before a wait count as one.
/// </summary>
sealed class AsyncSignal
{
    readonly Lock gate = new();
    TaskCompletionSource? waiter;
    bool set;

    public void Set()
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            wake = waiter;
            waiter = null;
            if (wake is null) set = true;
        }
        wake?.TrySetResult();
    }

    public Task WaitAsync()
    {
        lock (gate)
        {
            if (set)
            {
                set = false;
                return Task.CompletedTask;
            }
            // Continuations run elsewhere: Set is called on the notifier's thread, which must not run readers.
            waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return waiter.Task;
        }
    }
}
