namespace Cais.Api.Hijack;

/// <summary>
/// Per-connection state shared by the request framing pump (below Kestrel's HTTP parser) and the
/// request handlers (above it): whether the connection has been hijacked for a raw stream, and
/// the JSON body of an upgrade request that the pump took out of the byte stream.
/// </summary>
/// <remarks>
/// The pump reads ahead of Kestrel. After the head of an upgrade request it stops reading and
/// waits for the verdict: hijacked (every later byte is the raw stream, never parsed as HTTP) or
/// finished without hijack (the next bytes are the next request).
/// </remarks>
internal sealed class HijackConnectionFeature
{
    readonly Lock sync = new();
    byte[]? pendingBody;
    TaskCompletionSource<bool>? verdict;
    volatile bool hijacked;

    public bool IsHijacked => hijacked;

    /// <summary>The verdict the pump is waiting for, if an upgrade request is being handled.</summary>
    public Task<bool>? PendingVerdict
    {
        get { lock (sync) return verdict?.Task; }
    }

    /// <summary>Pump: an upgrade request goes up to Kestrel now, with its body (if any) taken out.</summary>
    public Task<bool> ExpectUpgradeRequest(byte[]? body)
    {
        lock (sync)
        {
            pendingBody = body;
            verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return verdict.Task;
        }
    }

    /// <summary>Handler: the body of the current upgrade request, once; null when it had none.</summary>
    public byte[]? TakeUpgradeBody()
    {
        lock (sync)
        {
            var body = pendingBody;
            pendingBody = null;
            return body;
        }
    }

    /// <summary>Handler: the connection becomes a raw stream (called just before the 101 goes out).</summary>
    public void MarkHijacked()
    {
        hijacked = true;
        lock (sync) verdict?.TrySetResult(true);
    }

    /// <summary>Router: an upgrade request ended without a hijack; the connection carries HTTP again.</summary>
    public void UpgradeRequestFinished()
    {
        if (hijacked) return;
        lock (sync)
        {
            pendingBody = null;
            verdict?.TrySetResult(false);
            verdict = null;
        }
    }

    /// <summary>The connection is going away: nothing more will be decided.</summary>
    public void Cancel()
    {
        lock (sync) verdict?.TrySetCanceled();
    }
}
