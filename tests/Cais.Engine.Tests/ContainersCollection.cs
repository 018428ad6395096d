namespace Cais.Engine.Tests;

/// <summary>Tests that run real containers go one at a time: they share the machine's cgroups and the CPU.</summary>
[CollectionDefinition("containers", DisableParallelization = true)]
public sealed class ContainersCollection;
