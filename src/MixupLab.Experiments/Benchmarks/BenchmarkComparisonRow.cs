namespace MixupLab.Experiments.Benchmarks;

/// <summary>One workload measured by MixupLab, by the PyTorch reference, or both.</summary>
/// <param name="Workload">Workload name.</param>
/// <param name="Batch">Batch size (matrix size for SGEMM).</param>
/// <param name="Ours">The MixupLab measurement, null when only the reference ran it.</param>
/// <param name="Reference">The PyTorch measurement, null when no reference was given or it lacks the workload.</param>
public sealed record BenchmarkComparisonRow(string Workload, int Batch, BenchmarkResult? Ours, BenchmarkResult? Reference)
{
    /// <summary>MixupLab / PyTorch throughput: samples/s when both have it, otherwise GFLOP/s; null when either is missing.</summary>
    public double? Ratio
    {
        get
        {
            if (Ours is null || Reference is null)
            {
                return null;
            }

            if (Ours.SamplesPerSec is double ours && Reference.SamplesPerSec is double reference && reference > 0)
            {
                return ours / reference;
            }

            return Ours.Gflops is double og && Reference.Gflops is double rg && rg > 0 ? og / rg : null;
        }
    }
}
