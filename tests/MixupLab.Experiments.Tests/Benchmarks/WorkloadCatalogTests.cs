using MixupLab.Experiments.Benchmarks;

namespace MixupLab.Experiments.Tests.Benchmarks;

[Collection(SerialBenchmarkCollection.Name)]
public class WorkloadCatalogTests
{
    [Fact]
    public void SameWorkloadsAsThePyTorchScript()
    {
        // tools/pytorch_bench.py, in its order: the two result files join on (name, batch).
        var expected = new List<(string, int)> { ("sgemm-256", 256), ("sgemm-512", 512), ("sgemm-1024", 1024), ("sgemm-2048", 2048) };
        foreach (var (label, batches) in new (string, int[])[]
        {
            ("logreg-moons", [64, 1000]), ("mlp-moons", [64, 1000]), ("mlp-784", [64, 256]), ("small-cnn", [64]),
            ("wrn-16-2", [64]), ("wrn-16-4", [64]), ("wrn-16-8", [64]), ("preact-resnet18", [64]),
        })
        {
            foreach (int b in batches)
            {
                expected.Add(($"train-{label}", b));
                expected.Add(($"train-{label}-mixup", b));
            }
        }

        expected.AddRange([("eval-small-cnn", 1000), ("eval-wrn-16-8", 64), ("fgsm-small-cnn", 1000)]);
        Assert.Equal(expected, WorkloadCatalog.All().Select(w => (w.Name, w.Batch)).ToList());
    }

    [Fact]
    public void FlopCountsMatchTheDocumentedForwardGflop()
    {
        // MODELS.md: forward GFLOP per image.
        Assert.Equal(0.00526, ModelWorkloads.ForwardFlop("small-cnn") / 1e9, 5);
        Assert.Equal(0.202, ModelWorkloads.ForwardFlop("wrn-16-2") / 1e9, 3);
        Assert.Equal(3.096, ModelWorkloads.ForwardFlop("wrn-16-8") / 1e9, 3);
        Assert.Equal(1.111, ModelWorkloads.ForwardFlop("preact-resnet18") / 1e9, 3);
        var train = ModelWorkloads.Train("small-cnn", 64, mixup: false);
        Assert.Equal(3 * 64 * 0.00526208, train.GflopPerStep, 9);
    }

    [Theory]
    [InlineData("logreg-moons", 64, false)]
    [InlineData("mlp-moons", 1000, true)]
    [InlineData("small-cnn", 64, true)]
    public void TrainingStepsRunAndStopAllocatingPooledStorage(string label, int batch, bool mixup)
    {
        var r = new BenchmarkRunner(new BenchmarkOptions(Threads: 1, BudgetSeconds: 0.05), TextWriter.Null)
            .Measure(ModelWorkloads.Train(label, batch, mixup));
        Assert.True(r.Steps >= 1);
        Assert.True(r.SamplesPerSec > 0);
        Assert.Equal(0, r.PoolBytesPerStep);
    }
}
