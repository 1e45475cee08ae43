using MixupLab.Experiments.Benchmarks;
using MixupLab.Tensors;

namespace MixupLab.Experiments.Tests.Benchmarks;

[Collection(SerialBenchmarkCollection.Name)]
public class BenchmarkRunnerTests
{
    [Fact]
    public void MeasuresWholeStepsForTheBudgetAndDerivesRates()
    {
        int prepared = 0;
        int calls = 0;
        var workload = new BenchmarkWorkload("count", 10, 10, 0.5, () =>
        {
            prepared++;
            return () =>
            {
                calls++;
                Thread.Sleep(5);
            };
        });
        var progress = new StringWriter();
        var results = new BenchmarkRunner(new BenchmarkOptions(Threads: 1, BudgetSeconds: 0.05), progress).Run([workload]);

        var r = Assert.Single(results);
        Assert.Equal(1, prepared);
        Assert.True(r.Steps >= 1 && r.Steps + 2 <= calls, $"steps {r.Steps}, calls {calls}");
        Assert.True(r.Seconds >= 0.05);
        Assert.Equal(r.Steps * 10 / r.Seconds, r.SamplesPerSec!.Value, 0.01 * r.SamplesPerSec.Value);
        Assert.Equal(r.Steps * 0.5 / r.Seconds, r.Gflops!.Value, 0.01 * r.Gflops.Value);
        Assert.Equal(1, r.Threads);
        Assert.Contains("count", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CountsPooledAndManagedAllocationsPerStep()
    {
        var workload = new BenchmarkWorkload("alloc", 1, 1, 0, () => () =>
        {
            // A fresh length every step misses the pool: 4 KiB of new storage per step.
            using var t = Tensor.Empty(1024 + Random.Shared.Next(1, 1 << 20));
            TensorPool.Shared.Clear();
        });
        var r = new BenchmarkRunner(new BenchmarkOptions(Threads: 1, BudgetSeconds: 0.05), TextWriter.Null).Measure(workload);
        Assert.True(r.PoolBytesPerStep >= 4096, $"pool bytes/step {r.PoolBytesPerStep}");
        Assert.True(r.BytesPerStep >= 4096, $"managed bytes/step {r.BytesPerStep}");
        Assert.Null(r.Gflops);
    }

    [Fact]
    public void SteadyStateStepReusingPooledStorageAllocatesNothingFromThePool()
    {
        var workload = new BenchmarkWorkload("reuse", 1, 1, 0, () => () =>
        {
            using var scope = new TensorScope();
            Tensor.Zeros(64, 64);
        });
        var r = new BenchmarkRunner(new BenchmarkOptions(Threads: 1, BudgetSeconds: 0.05), TextWriter.Null).Measure(workload);
        Assert.Equal(0, r.PoolBytesPerStep);
    }

    [Fact]
    public void FilterSelectsBySubstringAndRestoresEngineThreads()
    {
        int before = Engine.Threads;
        var workloads = new[] { WorkloadCatalog.Sgemm(8), WorkloadCatalog.Sgemm(16) };
        var results = new BenchmarkRunner(new BenchmarkOptions(Threads: 1, Workload: "sgemm-16", BudgetSeconds: 0.02), TextWriter.Null).Run(workloads);
        var r = Assert.Single(results);
        Assert.Equal("sgemm-16", r.Workload);
        Assert.Null(r.SamplesPerSec);
        Assert.True(r.Gflops > 0);
        Assert.Equal(before, Engine.Threads);
    }

    [Fact]
    public void CatalogUsesThePyTorchScriptNames()
    {
        var names = WorkloadCatalog.All().Select(w => w.Name).ToList();
        Assert.Contains("sgemm-1024", names);
        Assert.Equal(names.Count, WorkloadCatalog.All().Select(w => (w.Name, w.Batch)).Distinct().Count());
    }
}
