using BenchmarkDotNet.Attributes;
using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Benchmarks;

/// <summary>Convolution forward + backward (dx when the layer's input needs it, dw) at batch 64 for the layer
/// shapes of small-cnn (1×28×28), WRN-16-8 and PreActResNet-18 (3×32×32).</summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*ConvBenchmarks*'</c>.
/// The PyTorch peer for the same layers: <c>OMP_NUM_THREADS=2 /usr/bin/python3 bench/scripts/conv_layers_torch.py</c>.</remarks>
[InProcess]
[WarmupCount(2)]
[IterationCount(3)]
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private Conv2dGeometry _g;
    private bool _inputGrad;
    private float[] _x = [];
    private float[] _w = [];
    private float[] _y = [];
    private float[] _dy = [];
    private float[] _dx = [];
    private float[] _dw = [];

    /// <summary>Layer: name, C, H (= W), O, kernel, stride, padding, input needs a gradient.</summary>
    [Params(
        "small-cnn conv1 1-32 28|1|28|32|3|1|0|0",
        "small-cnn conv2 32-64 13|32|13|64|3|1|0|1",
        "wrn conv1 3-16 32|3|32|16|3|1|1|0",
        "wrn b1 16-128 32|16|32|128|3|1|1|1",
        "wrn b1 128-128 32|128|32|128|3|1|1|1",
        "wrn b1 sc 16-128 1x1|16|32|128|1|1|0|1",
        "wrn b2 128-256 s2|128|32|256|3|2|1|1",
        "wrn b2 256-256 16|256|16|256|3|1|1|1",
        "wrn b2 sc 128-256 1x1 s2|128|32|256|1|2|0|1",
        "wrn b3 256-512 s2|256|16|512|3|2|1|1",
        "wrn b3 512-512 8|512|8|512|3|1|1|1",
        "wrn b3 sc 256-512 1x1 s2|256|16|512|1|2|0|1",
        "preact conv1 3-64 32|3|32|64|3|1|1|0",
        "preact l1 64-64 32|64|32|64|3|1|1|1",
        "preact l2 64-128 s2|64|32|128|3|2|1|1",
        "preact l2 128-128 16|128|16|128|3|1|1|1",
        "preact l3 128-256 s2|128|16|256|3|2|1|1",
        "preact l3 256-256 8|256|8|256|3|1|1|1",
        "preact l4 256-512 s2|256|8|512|3|2|1|1",
        "preact l4 512-512 4|512|4|512|3|1|1|1",
        "preact l4 sc 256-512 1x1 s2|256|8|512|1|2|0|1")]
    public string Layer { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var f = Layer.Split('|');
        int c = int.Parse(f[1]), h = int.Parse(f[2]), o = int.Parse(f[3]), k = int.Parse(f[4]), s = int.Parse(f[5]), p = int.Parse(f[6]);
        _inputGrad = f[7] == "1";
        _g = new Conv2dGeometry(64, c, h, h, o, k, k, s, s, p, p);
        var rng = new RandomSource(1);
        _x = new float[64 * c * h * h];
        _w = new float[o * _g.Patch];
        _y = new float[64 * o * _g.OutPlane];
        _dy = new float[_y.Length];
        _dx = new float[_x.Length];
        _dw = new float[_w.Length];
        rng.FillUniform(_x, -1, 1);
        rng.FillUniform(_w, -1, 1);
        rng.FillUniform(_dy, -1, 1);
    }

    [Benchmark]
    public void ForwardBackward()
    {
        Conv2dKernels.Forward(_x, _w, null, _y, _g);
        Conv2dKernels.Backward(_x, _w, _dy, _inputGrad ? _dx : null, _dw, null, _g);
    }
}
