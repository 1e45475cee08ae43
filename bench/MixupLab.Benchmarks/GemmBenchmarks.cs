using BenchmarkDotNet.Attributes;
using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Benchmarks;

/// <summary>Square SGEMM through <see cref="Gemm.Multiply"/> at 1 and 2 threads; GFLOP/s = 2·Size³ / mean time.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*GemmBenchmarks*'</c>.
/// For a quick GFLOP/s figure without BenchmarkDotNet use <see cref="GemmThroughput.Measure"/> (the <c>mixuplab bench</c> command).</remarks>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    [Params(256, 512, 1024, 2048)]
    public int Size { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool TransposeB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new RandomSource(1);
        _a = new float[Size * Size];
        _b = new float[Size * Size];
        _c = new float[Size * Size];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = random.NextFloat() - 0.5f;
            _b[i] = random.NextFloat() - 0.5f;
        }

        Engine.Threads = Threads;
    }

    [Benchmark]
    public void Multiply() => Gemm.Multiply(_a, _b, _c, Size, Size, Size, transposeB: TransposeB);
}
