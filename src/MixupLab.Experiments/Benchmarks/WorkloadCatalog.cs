using MixupLab.Tensors.Kernels;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>The workloads of <c>mixuplab bench</c>, with the names and sizes of <c>tools/pytorch_bench.py</c>.</summary>
public static class WorkloadCatalog
{
    /// <summary>Matrix sizes of the SGEMM workloads <c>sgemm-N</c>.</summary>
    public static IReadOnlyList<int> GemmSizes { get; } = [256, 512, 1024, 2048];

    /// <summary>Every workload the engine can run, in the PyTorch script's order.</summary>
    public static IReadOnlyList<BenchmarkWorkload> All()
    {
        var workloads = new List<BenchmarkWorkload>();
        foreach (int n in GemmSizes)
        {
            workloads.Add(Sgemm(n));
        }

        workloads.AddRange(ModelWorkloads.All());

        return workloads;
    }

    /// <summary><c>sgemm-N</c>: C = A·B with N×N float32 matrices through <see cref="Gemm.Multiply"/>.</summary>
    public static BenchmarkWorkload Sgemm(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new BenchmarkWorkload($"sgemm-{n}", n, 0, 2.0 * n * n * n / 1e9, () =>
        {
            var rng = new MixupLab.Tensors.RandomSource(1);
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            rng.FillNormal(a);
            rng.FillNormal(b);
            return () => Gemm.Multiply(a, b, c, n, n, n);
        });
    }
}
