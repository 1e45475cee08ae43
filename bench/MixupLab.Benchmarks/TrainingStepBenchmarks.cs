using BenchmarkDotNet.Attributes;
using MixupLab.Experiments.Benchmarks;
using MixupLab.Tensors;

namespace MixupLab.Benchmarks;

/// <summary>One SGD training step (forward, cross-entropy, backward, momentum step) of the MLP 784-512-256-10 and the
/// small CNN, with and without Mixup: the same step as <c>mixuplab bench</c>'s <c>train-*</c> workloads.</summary>
/// <remarks><c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*TrainingStep*'</c></remarks>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Action _step = () => { };

    [Params("mlp-784", "small-cnn")]
    public string Model { get; set; } = "small-cnn";

    [Params(false, true)]
    public bool Mixup { get; set; }

    [Params(64)]
    public int Batch { get; set; }

    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Engine.Threads = Threads;
        _step = ModelWorkloads.Train(Model, Batch, Mixup).Prepare();
    }

    [Benchmark]
    public void Step() => _step();
}
