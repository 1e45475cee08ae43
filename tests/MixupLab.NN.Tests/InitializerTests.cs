using MixupLab.NN.Init;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public class InitializerTests
{
    [Fact]
    public void FansFollowPyTorch()
    {
        Assert.Equal(3 * 9, Initializers.FanIn([16, 3, 3, 3]));
        Assert.Equal(16 * 9, Initializers.FanOut([16, 3, 3, 3]));
        Assert.Equal(784, Initializers.FanIn([10, 784]));
        Assert.Equal(10, Initializers.FanOut([10, 784]));
        var e = Assert.Throws<ArgumentException>(() => Initializers.FanIn([5]));
        Assert.Contains("(5)", e.Message);
    }

    [Fact]
    public void DefaultDrawsTheWeightThenTheBiasWithBoundOneOverSqrtFanIn()
    {
        var w = Tensor.Zeros(4, 25);
        var b = Tensor.Zeros(4);
        Initializers.PyTorchDefault(w, b, new RandomSource(3));

        // kaiming_uniform(a = √5): gain √(2/6), bound gain·√(3/25) = 1/5; the bias uses 1/√25 too.
        var expected = new float[104];
        var rng = new RandomSource(3);
        rng.FillUniform(expected.AsSpan(0, 100), -0.2f, 0.2f);
        rng.FillUniform(expected.AsSpan(100), -0.2f, 0.2f);
        Assert.Equal(expected[..100], w.ToArray());
        Assert.Equal(expected[100..], b.ToArray());
    }

    [Fact]
    public void KaimingUniformGeneralSlope()
    {
        var w = Tensor.Zeros(200, 50);
        Initializers.KaimingUniform(w, 0, new RandomSource(1));
        float bound = MathF.Sqrt(6f / 50);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.Contains(w.ToArray(), v => Math.Abs(v) > 0.99f * bound);
    }

    [Fact]
    public void KaimingNormalFanOutHasVarianceTwoOverFanOut()
    {
        var w = Tensor.Zeros(64, 32, 3, 3);
        Initializers.KaimingNormalFanOut(w, new RandomSource(2));
        double variance = w.ToArray().Select(v => (double)v * v).Average();
        Assert.InRange(variance, 2.0 / (64 * 9) * 0.97, 2.0 / (64 * 9) * 1.03);
    }
}
