using MixupLab.Experiments.Training;

namespace MixupLab.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mixuplab-cli-train-").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    [Theory]
    [InlineData("Invalid alpha '-1': expected alpha >= 0", "--alpha", "-1")]
    [InlineData("Invalid model 'resnet': expected logreg, mlp, small-cnn", "--model", "resnet")]
    [InlineData("Invalid dataset 'imagenet': expected one of two-moons", "--dataset", "imagenet")]
    [InlineData("Invalid batch-size '0': expected at least 1", "--batch-size", "0")]
    [InlineData("Invalid method 'manifold': expected erm, mixup or cutmix", "--method", "manifold")]
    [InlineData("Invalid hidden 'a-b': expected widths", "--hidden", "a-b")]
    public void InvalidValuesAreRefusedBeforeAnyWorkWithWhatIsAllowed(string message, string option, string value)
    {
        string folder = Path.Combine(_root, "run");
        var (code, _, error) = Run("train", "--out", folder, option, value);
        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--batch-size", "(default: 128)")]
    [InlineData("--alpha", "(default: 1)")]
    [InlineData("--beta", "(default: α)")]
    [InlineData("--schedule", "constant, multistep or cosine. (default: constant)")]
    [InlineData("--resume", "from its last checkpoint")]
    public void HelpExplainsEachOptionAndItsDefault(string option, string text)
    {
        var (code, output, _) = Run("train", "--help");
        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains(text, line, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderHoldingARunIsRefusedWithoutResume()
    {
        string folder = Path.Combine(_root, "run");
        Assert.Equal(0, Run(Tiny(folder)).Code);
        var before = File.ReadAllText(Path.Combine(folder, "metrics.csv"));
        var (code, _, error) = Run([.. Tiny(folder), "--alpha", "0.5"]);
        Assert.Equal(1, code);
        Assert.Contains("already holds a run; pass --resume", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "metrics.csv")));
        Assert.Equal(0, Run([.. Tiny(folder), "--resume"]).Code);
    }

    [Fact]
    public void ConfigFileThenFlagsAndUnknownKeys()
    {
        string file = Path.Combine(_root, "c.json");
        File.WriteAllText(file, """{ "alpha": 0.4, "epochs": 5, "hidden": [8], "momentum": 0.5 }""");
        string folder = Path.Combine(_root, "run");
        Assert.Equal(0, Run([.. Tiny(folder), "--config", file]).Code);
        var config = new RunDirectory(folder).ReadConfig();
        Assert.Equal(0.4, config.Alpha);
        Assert.Equal(0.4, config.Beta);
        Assert.Equal(2, config.Epochs);
        Assert.Equal([16], config.Hidden);
        Assert.Equal(0.5, config.Momentum);

        File.WriteAllText(file, """{ "alhpa": 0.4 }""");
        var (code, _, error) = Run([.. Tiny(Path.Combine(_root, "other")), "--config", file]);
        Assert.Equal(1, code);
        Assert.Contains("alhpa", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADivergingRunExitsWithTwoNamingEpochAndStep()
    {
        string folder = Path.Combine(_root, "nan");
        var (code, _, error) = Run([.. Tiny(folder), "--lr", "1e30", "--method", "erm"]);
        Assert.Equal(2, code);
        Assert.Matches("epoch 1, step [0-9]+", error);
    }

    [Fact]
    public void EvaluateReproducesTheLastMetricsAndExportWritesTheRunsSamples()
    {
        string folder = Path.Combine(_root, "run");
        var (code, output, _) = Run([.. Tiny(folder), "--outputs", "1"]);
        Assert.Equal(0, code);
        Assert.Contains("2 epochs", output, StringComparison.Ordinal);
        var last = EpochMetrics.Parse(File.ReadAllLines(Path.Combine(folder, "metrics.csv"))[^1]);

        string predictions = Path.Combine(_root, "p.csv");
        (code, output, _) = Run("evaluate", "--run", folder, "--predictions", predictions);
        Assert.Equal(0, code);
        Assert.Contains(FormattableString.Invariant($"test loss {last.TestLoss:R}  accuracy {last.TestAccuracy:R}"), output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(predictions);
        Assert.Equal("index,label,predicted,p_0,p_1", rows[0]);
        Assert.Equal(41, rows.Length);
        double correct = rows.Skip(1).Select(r => r.Split(',')).Count(c => c[1] == c[2]);
        Assert.Equal(last.TestAccuracy, correct / 40);
        Assert.All(rows.Skip(1), r => Assert.Equal(1.0, r.Split(',').Skip(3).Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)), 5));

        (code, output, _) = Run("evaluate", "--run", folder, "--split", "train");
        Assert.Equal(0, code);
        Assert.Contains(FormattableString.Invariant($"train loss {last.TrainLoss:R}  accuracy {last.TrainAccuracy:R}"), output, StringComparison.Ordinal);

        string fromRun = Path.Combine(_root, "run.csv");
        string fromFlags = Path.Combine(_root, "flags.csv");
        Assert.Equal(0, Run("data", "export", "--run", folder, "--out", fromRun).Code);
        Assert.Equal(0, Run("data", "export", "--dataset", "two-moons", "--data-option", "n=200", "--seed", "3", "--out", fromFlags).Code);
        var exported = File.ReadAllLines(fromRun);
        Assert.Equal("x_0,x_1,label", exported[0]);
        Assert.Equal(161, exported.Length);
        Assert.Equal(exported, File.ReadAllLines(fromFlags));
        Assert.Equal(1, Run("data", "export", "--out", fromFlags).Code);
    }

    private static string[] Tiny(string folder) =>
        ["train", "--dataset", "two-moons", "--data-option", "n=200", "--hidden", "16", "--epochs", "2", "--batch-size", "32", "--seed", "3", "--out", folder];

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
