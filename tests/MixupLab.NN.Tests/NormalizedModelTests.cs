using MixupLab.Autodiff;
using MixupLab.NN.Models;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.NN.Tests;

public class NormalizedModelTests
{
    private static Module SmallCnn() => ModelRegistry.Create(new ModelSpec("small-cnn", [3, 12, 12], 4, Seed: 5));

    [Fact]
    public void StateDictKeysAreTheWrappedModelsKeys()
    {
        var inner = SmallCnn();
        var wrapped = new NormalizedModel(inner, [0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f]);
        Assert.Equal(inner.StateDict().Keys, wrapped.StateDict().Keys);
        Assert.Equal(inner.Parameters(), wrapped.Parameters());
    }

    [Fact]
    public void ForwardEqualsTheWrappedModelOnStandardisedInput()
    {
        var inner = SmallCnn().Eval();
        float[] mean = [0.5f, 0.4f, 0.3f], std = [0.2f, 0.25f, 0.3f];
        var wrapped = new NormalizedModel(inner, mean, std);
        var x = GradCheck.Uniform(1, 0, 1, 2, 3, 12, 12);
        var standardised = x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            int c = i / (12 * 12) % 3;
            standardised[i] = (x[i] - mean[c]) / std[c];
        }

        using var noGrad = GradMode.NoGrad();
        GradCheck.AssertClose(inner.Forward(new Var(standardised)).Value, wrapped.Forward(new Var(x)).Value, 1e-5, 1e-5);
    }

    [Fact]
    public void InputGradientFlowsThroughTheStandardisation()
    {
        var wrapped = new NormalizedModel(ModelRegistry.Create(new ModelSpec("mlp", [12], 3, [5], Seed: 2)), [0.3f], [0.5f]);
        var x = GradCheck.Uniform(3, 0, 1, 2, 1, 3, 4);
        GradCheck.First(v => wrapped.Forward(v[0]), [x]);
    }

    [Fact]
    public void BadStatisticsAndShapesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new NormalizedModel(SmallCnn(), [0.5f, 0.5f], [1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedModel(SmallCnn(), [0.5f], [0f]));
        var e = Assert.Throws<ArgumentException>(() => new NormalizedModel(SmallCnn(), [0.5f, 0.4f, 0.3f], [1f, 1f, 1f]).Forward(new Var(Tensor.Zeros(2, 1, 12, 12))));
        Assert.Contains("(2, 1, 12, 12)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticsRoundTripThroughMetadataAndOverrideOthers()
    {
        var saved = new NormalizedModel(SmallCnn(), [0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f]);
        var other = new NormalizedModel(saved.Inner, [0.1f, 0.1f, 0.1f], [1f, 1f, 1f]);
        var restored = other.WithStatisticsFrom(saved.ToMetadata());
        Assert.Equal(saved.Mean, restored.Mean);
        Assert.Equal(saved.Std, restored.Std);
        Assert.Same(other, other.WithStatisticsFrom(new Dictionary<string, string>()));
        var e = Assert.Throws<InvalidDataException>(() => other.WithStatisticsFrom(new Dictionary<string, string> { ["input_mean"] = "0.5,x", ["input_std"] = "1,1" }));
        Assert.Contains("input_mean", e.Message, StringComparison.Ordinal);
    }
}
