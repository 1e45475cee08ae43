namespace MixupLab.Experiments.Tests.Benchmarks;

/// <summary>Benchmark tests read process-wide counters (TensorPool.Shared.AllocatedBytes, Engine.Threads):
/// they run alone, never beside other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialBenchmarkCollection
{
    public const string Name = "serial benchmarks";
}
