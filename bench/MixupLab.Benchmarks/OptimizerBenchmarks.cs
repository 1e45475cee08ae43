using BenchmarkDotNet.Attributes;
using MixupLab.NN;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.Tensors;

namespace MixupLab.Benchmarks;

/// <summary>One optimizer step over every parameter of preact-resnet18 (11.2 M floats), gradients preset.</summary>
/// <remarks><c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*OptimizerBenchmarks*' --job short --inProcess</c></remarks>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private Module _model = null!;
    private Sgd _sgd = null!;
    private Adam _adam = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelRegistry.Create(new ModelSpec("preact-resnet18", [3, 32, 32], 10, Seed: 1));
        foreach (var p in _model.Parameters())
        {
            p.Grad = TensorScope.Untracked(() => Tensor.Full(1e-3f, p.Shape));
        }

        _sgd = new Sgd(_model.NamedParameters(), 1e-6, momentum: 0.9, nesterov: true, weightDecay: 5e-4);
        _adam = new Adam(_model.NamedParameters(), 1e-6, weightDecay: 5e-4);
        _sgd.Step();
        _adam.Step();
    }

    /// <summary>SGD with Nesterov momentum and weight decay.</summary>
    [Benchmark]
    public void SgdNesterovStep() => _sgd.Step();

    /// <summary>Adam with weight decay.</summary>
    [Benchmark]
    public void AdamStep() => _adam.Step();

    /// <summary>Zeroing every gradient in place.</summary>
    [Benchmark]
    public void ZeroGrad() => _sgd.ZeroGrad();
}
