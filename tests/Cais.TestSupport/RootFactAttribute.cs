using Xunit;

namespace Cais.TestSupport;

/// <summary>A fact that needs root; skipped, saying so, when the tests run as another user.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (HostRequirements.RootSkipReason() is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that needs root; skipped, saying so, when the tests run as another user.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (HostRequirements.RootSkipReason() is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs root and the runc executable on $PATH (to compare cais with runc).</summary>
public sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        if (HostRequirements.RuncSkipReason() is { } reason)
            Skip = reason;
    }
}
