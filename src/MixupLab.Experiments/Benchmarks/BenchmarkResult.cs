using System.Text.Json.Serialization;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>The steady-state measurement of one workload (one JSON line of the results file).</summary>
/// <param name="Workload">Workload name, as in <c>tools/pytorch_bench.py</c>.</param>
/// <param name="Batch">Batch size (matrix size for SGEMM).</param>
/// <param name="Threads">Engine threads used.</param>
/// <param name="SamplesPerSec">Samples per second; null for SGEMM.</param>
/// <param name="Gflops">Achieved GFLOP/s.</param>
/// <param name="BytesPerStep">Managed bytes allocated per step on the stepping thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> delta over the timed steps), pool misses included.</param>
/// <param name="PoolBytesPerStep">Bytes of new pooled tensor storage per step
/// (<see cref="MixupLab.Tensors.TensorPool.AllocatedBytes"/> delta, any thread); 0 once the pool is warm.</param>
/// <param name="Steps">Timed steps.</param>
/// <param name="Seconds">Timed wall-clock seconds.</param>
public sealed record BenchmarkResult(
    [property: JsonPropertyName("workload")] string Workload,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("samples_per_sec")] double? SamplesPerSec,
    [property: JsonPropertyName("gflops")] double? Gflops,
    [property: JsonPropertyName("bytes_per_step")] double? BytesPerStep,
    [property: JsonPropertyName("pool_bytes_per_step")] double? PoolBytesPerStep,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("seconds")] double Seconds);
