namespace MixupLab.Autodiff.Tests;

/// <summary>Tests that read process-wide counters (the tensor pool's allocation count) run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialCollection
{
    public const string Name = "Sequential";
}
