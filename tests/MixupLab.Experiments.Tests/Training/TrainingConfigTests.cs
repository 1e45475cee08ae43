using MixupLab.Experiments.Training;

namespace MixupLab.Experiments.Tests.Training;

public sealed class TrainingConfigTests
{
    [Fact]
    public void AnUnknownKeyIsAnErrorNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingConfig.FromJson("""{ "alpha": 0.2, "alfa": 1 }""", "test.json"));
        Assert.Contains("alfa", e.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonOverridesDefaultsAndTheResolvedConfigRoundTrips()
    {
        var c = TrainingConfig.FromJson("""{ "alpha": 0.2, "batch-size": 64, "hidden": [512, 256], "milestones": [3, 5] }""", "x").Resolve();
        Assert.Equal(0.2, c.Alpha);
        Assert.Equal(0.2, c.Beta);
        Assert.Equal(64, c.BatchSize);
        Assert.Equal([512, 256], c.Hidden);
        Assert.Equal(new TrainingConfig().Epochs, c.Epochs);
        Assert.Equal(c.ToJson(), TrainingConfig.FromJson(c.ToJson(), "again").ToJson());
        foreach (var key in new[] { "dataset", "data-dir", "train-size", "model", "method", "alpha", "beta", "scope", "label-smoothing", "epochs", "optimizer", "lr", "momentum", "nesterov", "weight-decay", "schedule", "gamma", "warmup-epochs", "seed", "threads" })
        {
            Assert.Contains($"\"{key}\":", c.ToJson(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{ "alpha": -1 }""", "alpha")]
    [InlineData("""{ "batch-size": 0 }""", "batch-size")]
    [InlineData("""{ "model": "resnet" }""", "model")]
    [InlineData("""{ "dataset": "imagenet" }""", "dataset")]
    [InlineData("""{ "method": "manifold" }""", "method")]
    [InlineData("""{ "schedule": "step" }""", "schedule")]
    [InlineData("""{ "milestones": [5, 3] }""", "milestones")]
    [InlineData("""{ "nesterov": true, "momentum": 0 }""", "nesterov")]
    public void InvalidValuesAreRefusedNamingTheKeyAndWhatIsAllowed(string json, string key)
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingConfig.FromJson(json, "x").Resolve());
        Assert.Contains($"Invalid {key} ", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIllTypedValueIsAnErrorNamingTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingConfig.FromJson("""{ "epochs": "ten" }""", "x"));
        Assert.Contains("epochs", e.Message, StringComparison.Ordinal);
    }
}
