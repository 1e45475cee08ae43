using BenchmarkDotNet.Attributes;
using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.Benchmarks;

/// <summary>Forward + backward of the elementwise, softmax-family and loss primitives at training sizes.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*OpsBenchmarks*'</c>;
/// the PyTorch peer is <c>tools/pytorch_ops_bench.py</c>.
/// Activation size 64×32×32×32 = 2M floats (a WRN-16 block output); logits (256, 10) and (256, 1000).</remarks>
[InProcess]
public class OpsBenchmarks
{
    private Var _activations = null!;
    private Var _smallLogits = null!;
    private Var _wideLogits = null!;
    private Var _softTargets = null!;
    private int[] _labels = null!;

    /// <summary>Kernel threads (<see cref="Engine.Threads"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Engine.Threads = Threads;
        var rng = new RandomSource(1);
        _activations = Leaf(rng, 64, 32, 32, 32);
        _smallLogits = Leaf(rng, 256, 10);
        _wideLogits = Leaf(rng, 256, 1000);
        _softTargets = new Var(TensorScope.Untracked(() => Tensor.Full(0.1f, 256, 10)));
        _labels = Enumerable.Range(0, 256).Select(i => i % 10).ToArray();
    }

    [Benchmark]
    public float ReluForwardBackward() => Step(() => Ops.Sum(Ops.Relu(_activations)), _activations);

    [Benchmark]
    public float SoftplusForwardBackward() => Step(() => Ops.Sum(Ops.Softplus(_activations)), _activations);

    [Benchmark]
    public float SumAxisForwardBackward() => Step(() => Ops.Sum(Ops.Sum(_activations, 1)), _activations);

    [Benchmark]
    public float CrossEntropy256x10() => Step(() => Ops.CrossEntropy(_smallLogits, _labels), _smallLogits);

    [Benchmark]
    public float SoftCrossEntropy256x10() => Step(() => Ops.SoftCrossEntropy(_smallLogits, _softTargets), _smallLogits);

    [Benchmark]
    public float CrossEntropy256x1000() => Step(() => Ops.CrossEntropy(_wideLogits, _labels), _wideLogits);

    [Benchmark]
    public float LogSoftmax256x1000() => Step(() => Ops.Sum(Ops.LogSoftmax(_wideLogits) * _wideLogits), _wideLogits);

    private static Var Leaf(RandomSource rng, params int[] shape)
    {
        var t = TensorScope.Untracked(() => Tensor.Empty(shape));
        rng.FillNormal(t.Span);
        return new Var(t, requiresGrad: true);
    }

    private static float Step(Func<Var> loss, Var leaf)
    {
        using var scope = new TensorScope();
        var l = loss();
        var g = Autograd.Grad(l, [leaf])[0];
        return l.ToScalar() + g.Value[0];
    }
}
