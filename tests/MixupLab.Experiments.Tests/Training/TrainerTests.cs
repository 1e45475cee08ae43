using MixupLab.Experiments.Training;
using Spectre.Console;

namespace MixupLab.Experiments.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mixuplab-trainer-").FullName;

    public static TrainingConfig Tiny => new()
    {
        Dataset = "two-moons",
        DataOptions = new Dictionary<string, string> { ["n"] = "200" },
        Model = "mlp",
        Hidden = [16],
        Method = "mixup",
        Alpha = 1,
        Epochs = 4,
        BatchSize = 32,
        Lr = 0.1,
        Seed = 7,
    };

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void SameSeedGivesTheSameMetricsAndWeightsBitForBit()
    {
        var (a, _) = Train(Tiny, "a");
        var (b, _) = Train(Tiny, "b");
        Assert.Equal(Metrics(a), Metrics(b));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "model.safetensors")), File.ReadAllBytes(Path.Combine(b, "model.safetensors")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(a, "metrics.csv")).Length);
        Assert.Equal(EpochMetrics.Header, File.ReadAllLines(Path.Combine(a, "metrics.csv"))[0]);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentMetrics()
    {
        var (a, _) = Train(Tiny, "a");
        var (b, _) = Train(Tiny with { Seed = 8 }, "b");
        Assert.NotEqual(Metrics(a), Metrics(b));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(1, 3)]
    [InlineData(0, 2)]
    public void ResumeAfterAStopEndsWithTheBitsOfAnUninterruptedRun(int stopEpoch, int stopStep)
    {
        foreach (var config in new[] { Tiny, Tiny with { Optimizer = "adam", Lr = 0.01, Scope = "sample", Schedule = "cosine" }, Tiny with { Outputs = 1, Method = "erm" } })
        {
            string name = Guid.NewGuid().ToString("N");
            var (whole, _) = Train(config, name + "-whole");
            string cut = Path.Combine(_root, name + "-cut");
            using var cts = new CancellationTokenSource();
            var trainer = new Trainer(Console(new StringWriter()), false)
            {
                AfterStep = (epoch, step) =>
                {
                    if (epoch == stopEpoch && step == stopStep)
                    {
                        cts.Cancel();
                    }
                },
            };
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(config, cut, false, cts.Token));
            Assert.False(File.Exists(Path.Combine(cut, "model.safetensors")));
            Assert.Equal(stopEpoch + 1, File.ReadAllLines(Path.Combine(cut, "metrics.csv")).Length);

            new Trainer(Console(new StringWriter()), false).Run(config, cut, true);
            Assert.Equal(Metrics(whole), Metrics(cut));
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(cut, "model.safetensors")));
        }
    }

    [Fact]
    public void ResumeDropsMetricRowsNewerThanTheCheckpoint()
    {
        var (whole, _) = Train(Tiny, "whole");
        string cut = Path.Combine(_root, "cut");
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer(Console(new StringWriter()), false)
        {
            AfterStep = (epoch, _) =>
            {
                if (epoch == 2)
                {
                    cts.Cancel();
                }
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(Tiny, cut, false, cts.Token));

        // A kill between writing epoch 3's metrics row and committing its checkpoint leaves a row the checkpoint lacks.
        var run = new RunDirectory(cut);
        var rows = run.ReadMetricRows(2);
        Assert.Equal(2, rows.Count);
        run.WriteMetrics([.. rows, "3" + rows[^1][1..]]);
        new Trainer(Console(new StringWriter()), false).Run(Tiny, cut, true);
        Assert.Equal(Metrics(whole), Metrics(cut));
    }

    [Fact]
    public void AFolderHoldingARunIsRefusedWithoutResumeAndWithADifferentConfig()
    {
        var (a, _) = Train(Tiny with { Epochs = 1 }, "a");
        var e = Assert.Throws<ArgumentException>(() => new Trainer(Console(new StringWriter()), false).Run(Tiny with { Epochs = 1 }, a, false));
        Assert.Contains("--resume", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new Trainer(Console(new StringWriter()), false).Run(Tiny with { Epochs = 1, Alpha = 0.5 }, a, true));
        Assert.Contains("different config", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonFiniteLossStopsTheRunNamingEpochAndStepAndKeepsTheLastGoodCheckpoint()
    {
        var config = Tiny with { Schedule = "multistep", Milestones = [1], Gamma = 1e37, Method = "erm" };
        string folder = Path.Combine(_root, "nan");
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Console(new StringWriter()), false).Run(config, folder, false));
        Assert.Equal(2, e.Epoch);
        Assert.Contains("epoch 2, step ", e.Message, StringComparison.Ordinal);
        Assert.Equal("epoch-0001", File.ReadAllText(Path.Combine(folder, "checkpoints", "latest")));
        Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "epoch-0001", "model.safetensors")));
        Assert.False(File.Exists(Path.Combine(folder, "model.safetensors")));
        Assert.Contains("\"diverged\"", File.ReadAllText(Path.Combine(folder, "summary.json")), StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Length);
    }

    [Fact]
    public void MixupLossIsTheObjectiveAndTheGapIsOnCleanData()
    {
        var (a, log) = Train(Tiny, "a");
        var rows = File.ReadAllLines(Path.Combine(a, "metrics.csv")).Skip(1).Select(EpochMetrics.Parse).ToList();
        Assert.All(rows, r => Assert.Equal(r.TestLoss - r.TrainLoss, r.GenGap));
        Assert.All(rows, r => Assert.NotEqual(r.MixLoss, r.TrainLoss));
        Assert.True(rows[^1].TestAccuracy > 0.75, $"test accuracy {rows[^1].TestAccuracy}");
        Assert.Contains("epoch 4/4", log, StringComparison.Ordinal);
        Assert.Contains("training summary", log, StringComparison.Ordinal);
        var config = File.ReadAllText(Path.Combine(a, "config.json"));
        Assert.Contains("\"beta\": 1", config, StringComparison.Ordinal);
        Assert.Contains("\"weight-decay\": 0", config, StringComparison.Ordinal);
    }

    private static IAnsiConsole Console(StringWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
    });

    private static string[] Metrics(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Select(l => l[..l.LastIndexOf(',')]).ToArray();

    private (string Folder, string Log) Train(TrainingConfig config, string name)
    {
        string folder = Path.Combine(_root, name);
        var log = new StringWriter();
        new Trainer(Console(log), false).Run(config, folder, false);
        return (folder, log.ToString());
    }
}
