using System.Diagnostics;
using System.Globalization;
using MixupLab.Tensors;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>Times workloads in steady state: warm-up, then whole steps for a fixed wall-clock budget.</summary>
/// <remarks>
/// Per workload: <see cref="BenchmarkWorkload.Prepare"/> (untimed), at least two warm-up steps and
/// <see cref="BenchmarkOptions.WarmupSeconds"/>, then steps until <see cref="BenchmarkOptions.Budget"/> seconds
/// have passed. samples/s = steps·samples per step / seconds; GFLOP/s = steps·GFLOP per step / seconds;
/// allocation figures are deltas over the timed steps divided by the step count. The same protocol as
/// <c>tools/pytorch_bench.py</c>.
/// </remarks>
public sealed class BenchmarkRunner
{
    private readonly BenchmarkOptions _options;
    private readonly TextWriter _progress;

    /// <summary>Creates a runner writing one progress line per workload to <paramref name="progress"/>.</summary>
    public BenchmarkRunner(BenchmarkOptions options, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, nameof(options));
        _options = options;
        _progress = progress;
    }

    /// <summary>Runs every workload that passes the filter, in order (see <see cref="Measure"/>).</summary>
    public IReadOnlyList<BenchmarkResult> Run(IEnumerable<BenchmarkWorkload> workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var results = new List<BenchmarkResult>();
        foreach (var workload in workloads)
        {
            if (!_options.Selects(workload.Name))
            {
                continue;
            }

            var result = Measure(workload);
            results.Add(result);
            _progress.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {result.Workload,-32} batch {result.Batch,5}  {result.SamplesPerSec ?? 0,12:F1} samples/s  {result.Gflops ?? 0,8:F2} GFLOP/s  {result.BytesPerStep ?? 0,10:F0} B/step"));
        }

        return results;
    }

    /// <summary>Measures one workload (ignores the filter) with <see cref="Engine.Threads"/> set to the option's
    /// thread count, restored afterwards.</summary>
    public BenchmarkResult Measure(BenchmarkWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        int previousThreads = Engine.Threads;
        Engine.Threads = _options.Threads;
        try
        {
            return MeasureWithThreadsSet(workload);
        }
        finally
        {
            Engine.Threads = previousThreads;
        }
    }

    private BenchmarkResult MeasureWithThreadsSet(BenchmarkWorkload workload)
    {
        var step = workload.Prepare();
        var clock = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 2 || clock.Elapsed.TotalSeconds < _options.WarmupSeconds)
        {
            step();
            warm++;
        }

        long managedBefore = GC.GetAllocatedBytesForCurrentThread();
        long poolBefore = TensorPool.Shared.AllocatedBytes;
        int steps = 0;
        double seconds;
        clock.Restart();
        while (true)
        {
            step();
            steps++;
            seconds = clock.Elapsed.TotalSeconds;
            if (seconds >= _options.Budget)
            {
                break;
            }
        }

        long managed = GC.GetAllocatedBytesForCurrentThread() - managedBefore;
        long pool = TensorPool.Shared.AllocatedBytes - poolBefore;
        double? samplesPerSec = workload.SamplesPerStep > 0 ? steps * (double)workload.SamplesPerStep / seconds : null;
        double? gflops = workload.GflopPerStep > 0 ? steps * workload.GflopPerStep / seconds : null;
        var result = new BenchmarkResult(
            workload.Name, workload.Batch, _options.Threads, samplesPerSec, gflops,
            managed / (double)steps, pool / (double)steps, steps, Math.Round(seconds, 3));

        // Large workloads leave big pooled arrays behind; drop them so the next workload starts clean.
        TensorPool.Shared.Clear();
        GC.Collect();
        return result;
    }
}
