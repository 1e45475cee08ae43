using MixupLab.NN.Layers;
using MixupLab.NN.Models;

namespace MixupLab.NN.Tests;

public class ModelRegistryTests
{
    public static TheoryData<string, int[], int, long> Counts => new()
    {
        { "small-cnn", [1, 28, 28], 10, 225_034 },
        { "small-cnn", [3, 32, 32], 10, 315_722 },
        { "preact-resnet18", [3, 32, 32], 10, 11_171_146 },
        { "preact-resnet18", [3, 32, 32], 100, 11_217_316 },
        { "wrn-16-8", [3, 32, 32], 10, 10_961_370 },
        { "wrn-28-10", [3, 32, 32], 10, 36_479_194 },
        { "wrn-16-2", [3, 32, 32], 10, 691_674 },
        { "logreg", [1, 28, 28], 10, 7_850 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void ParameterCountsMatchThePyTorchDefinitions(string name, int[] input, int classes, long expected)
    {
        Assert.Equal(expected, ModelRegistry.Build(new ModelSpec(name, input, classes)).ParameterCount());
    }

    [Fact]
    public void MlpCountsAndKeys()
    {
        var m = ModelRegistry.Build(ModelSpec.Mlp("784-512-256-10"));
        Assert.Equal(535_818, m.ParameterCount());
        Assert.Equal(
            ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight", "layers.4.bias"],
            m.StateDict().Keys);
        var noBias = ModelRegistry.Build(ModelSpec.Mlp("2-100-1", bias: false));
        Assert.Equal(300, noBias.ParameterCount());
        Assert.Equal(["layers.0.weight", "layers.2.weight"], noBias.StateDict().Keys);
        Assert.Equal(401, ModelRegistry.Build(ModelSpec.Mlp("2-100-1")).ParameterCount());
    }

    [Fact]
    public void LogRegAndSmallCnnKeys()
    {
        Assert.Equal(["linear.weight", "linear.bias"], ModelRegistry.Build(new ModelSpec("logreg", [2], 1)).StateDict().Keys);
        var cnn = ModelRegistry.Build(new ModelSpec("small-cnn", [1, 28, 28], 10)).StateDict();
        Assert.Equal(
            ["features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias", "classifier.0.weight", "classifier.0.bias", "classifier.2.weight", "classifier.2.bias"],
            cnn.Keys);
        Assert.Equal([128, 1600], cnn["classifier.0.weight"].Shape);
    }

    [Fact]
    public void PreActResNetKeys()
    {
        var sd = ModelRegistry.Build(new ModelSpec("preact-resnet18", [3, 32, 32], 10)).StateDict();
        var keys = sd.Keys.ToList();
        Assert.Equal("conv1.weight", keys[0]);
        Assert.Equal(
            ["layer1.0.bn1.weight", "layer1.0.bn1.bias", "layer1.0.bn1.running_mean", "layer1.0.bn1.running_var", "layer1.0.bn1.num_batches_tracked", "layer1.0.conv1.weight"],
            keys.GetRange(1, 6));
        Assert.DoesNotContain("layer1.0.shortcut.0.weight", keys);
        Assert.Contains("layer2.0.shortcut.0.weight", keys);
        Assert.DoesNotContain("layer2.1.shortcut.0.weight", keys);
        Assert.Equal([128, 64, 1, 1], sd["layer2.0.shortcut.0.weight"].Shape);
        Assert.Equal(["linear.weight", "linear.bias"], keys[^2..]);
        Assert.Equal(8 * 2 * 5 + 1 + 16 + 3 + 2, keys.Count);
        Assert.Equal(NN.TensorDType.Int64, sd.DType("layer4.1.bn2.num_batches_tracked"));
    }

    [Fact]
    public void WideResNetKeys()
    {
        var sd = ModelRegistry.Build(new ModelSpec("wrn-16-8", [3, 32, 32], 10)).StateDict();
        var keys = sd.Keys.ToList();
        Assert.Equal("conv1.weight", keys[0]);
        Assert.Equal("block1.layer.0.bn1.weight", keys[1]);
        Assert.Contains("block1.layer.0.convShortcut.weight", keys);
        Assert.DoesNotContain("block1.layer.1.convShortcut.weight", keys);
        Assert.Equal([128, 16, 1, 1], sd["block1.layer.0.convShortcut.weight"].Shape);
        Assert.Equal([256, 128, 3, 3], sd["block2.layer.0.conv1.weight"].Shape);
        Assert.Equal(
            ["bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked", "fc.weight", "fc.bias"],
            keys[^7..]);
        Assert.Equal([10, 512], sd["fc.weight"].Shape);
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelRegistry.Create(new ModelSpec("resnet50", [3, 32, 32], 10)));
        Assert.Contains("'resnet50'", e.Message);
        foreach (var n in ModelRegistry.Names)
        {
            Assert.Contains(n, e.Message);
        }
    }

    [Theory]
    [InlineData("wrn-15-8")]
    [InlineData("wrn-4-2")]
    [InlineData("wrn-16-0")]
    public void InvalidWideResNetNamesAreExplained(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelRegistry.Build(new ModelSpec(name, [3, 32, 32], 10)));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void WideResNetDepthRuleIsInTheMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelRegistry.Build(new ModelSpec("wrn-15-8", [3, 32, 32], 10)));
        Assert.Contains("(D - 4) % 6 == 0", e.Message);
    }

    [Fact]
    public void BadSizesAreRejectedWithTheShape()
    {
        Assert.Contains("32×32", Assert.Throws<ArgumentException>(() => ModelRegistry.Build(new ModelSpec("preact-resnet18", [3, 28, 28], 10))).Message);
        Assert.Contains("C×H×W", Assert.Throws<ArgumentException>(() => ModelRegistry.Build(new ModelSpec("small-cnn", [784], 10))).Message);
        Assert.Throws<ArgumentException>(() => ModelRegistry.Build(new ModelSpec("mlp", [2], 0)));
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => ModelRegistry.ParseWidths("2-x-1")).Message);
        Assert.Throws<ArgumentException>(() => ModelRegistry.ParseWidths("10"));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("small-cnn")]
    [InlineData("wrn-16-2")]
    [InlineData("preact-resnet18")]
    public void SeededCreationGivesIdenticalBitsAndOtherSeedsDiffer(string name)
    {
        var spec = name == "mlp" ? ModelSpec.Mlp("20-30-5", seed: 7) : new ModelSpec(name, [3, 32, 32], 10, Seed: 7);
        var a = ModelRegistry.Create(spec).StateDict();
        var b = ModelRegistry.Create(spec).StateDict();
        var c = ModelRegistry.Create(spec with { Seed = 8 }).StateDict();
        bool anyDifferent = false;
        foreach (var (k, v) in a)
        {
            Assert.Equal(v.ToArray(), b[k].ToArray());
            anyDifferent |= !v.ToArray().SequenceEqual(c[k].ToArray());
        }

        Assert.True(anyDifferent);
    }

    [Fact]
    public void DefaultInitIsPyTorchs()
    {
        var m = (SmallCnn)ModelRegistry.Create(new ModelSpec("small-cnn", [1, 28, 28], 10, Seed: 3));
        var fc = (Linear)m.Classifier[0];
        float bound = 1 / MathF.Sqrt(1600);
        Assert.All(fc.Weight.Value.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.All(fc.Bias!.Value.ToArray(), v => Assert.InRange(v, -bound, bound));
        // U(-b, b) has variance b²/3; 204,800 draws pin it to about 0.3 %.
        double variance = fc.Weight.Value.ToArray().Select(v => (double)v * v).Average();
        Assert.InRange(variance, bound * bound / 3 * 0.99, bound * bound / 3 * 1.01);
        var conv = (Conv2d)m.Features[3];
        float convBound = 1 / MathF.Sqrt(32 * 9);
        Assert.All(conv.Weight.Value.ToArray(), v => Assert.InRange(v, -convBound, convBound));
        Assert.Contains(conv.Weight.Value.ToArray(), v => Math.Abs(v) > convBound * 0.99f);
    }

    [Fact]
    public void WideResNetInitFollowsItsReferenceCode()
    {
        var m = (WideResNet)ModelRegistry.Create(new ModelSpec("wrn-16-4", [3, 32, 32], 10, Seed: 1));
        var w = m.Block3.Layer[0] is WideBasicBlock blk ? blk.Conv1.Weight.Value.ToArray() : [];
        // N(0, 2/(9·256)) for conv1 of block3.layer.0 (out = 256).
        double variance = w.Select(v => (double)v * v).Average();
        Assert.InRange(variance, 2.0 / (9 * 256) * 0.98, 2.0 / (9 * 256) * 1.02);
        Assert.Contains(w, v => Math.Abs(v) > 3 * Math.Sqrt(2.0 / (9 * 256)));
        Assert.All(m.Fc.Bias!.Value.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(m.Bn1.Weight.Value.ToArray(), v => Assert.Equal(1f, v));
        float bound = 1 / MathF.Sqrt(256);
        Assert.All(m.Fc.Weight.Value.ToArray(), v => Assert.InRange(v, -bound, bound));
    }
}
