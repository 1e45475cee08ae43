using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class DropoutTests
{
    [Fact]
    public void EvaluationAndZeroProbabilityAreIdentity()
    {
        var x = new Var(GradCheck.Uniform(1, -1f, 1f, 4, 5));
        Assert.Same(x, Ops.Dropout(x, 0.5f, training: false, new RandomSource(1)));
        Assert.Same(x, Ops.Dropout(x, 0f, training: true, new RandomSource(1)));
    }

    [Fact]
    public void TrainingZeroesAboutPAndScalesSurvivors()
    {
        var x = new Var(Tensor.Full(1f, 100, 100));
        var y = Ops.Dropout(x, 0.3f, training: true, new RandomSource(2)).Value;
        int kept = 0;
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(y[i] == 0f || Math.Abs(y[i] - (1f / 0.7f)) < 1e-6, $"element {i} = {y[i]}");
            kept += y[i] != 0f ? 1 : 0;
        }

        Assert.InRange(kept / 10000.0, 0.67, 0.73);
        var again = Ops.Dropout(x, 0.3f, training: true, new RandomSource(2)).Value;
        Assert.Equal(y.ToArray(), again.ToArray());
    }

    [Fact]
    public void GradientIsTheMaskToSecondOrder()
    {
        var x = GradCheck.Uniform(3, -1f, 1f, 3, 4);
        GradCheck.First(v => Ops.Dropout(v[0], 0.4f, training: true, new RandomSource(5)), [x]);
        GradCheck.Second(v => Ops.Square(Ops.Dropout(v[0], 0.4f, training: true, new RandomSource(5))), [x]);
    }

    [Fact]
    public void ProbabilityOutsideRangeIsRejected()
    {
        var x = new Var(Tensor.Zeros(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Dropout(x, 1f, training: true, new RandomSource(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Dropout(x, -0.1f, training: false, new RandomSource(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Dropout(x, float.NaN, training: true, new RandomSource(1)));
    }
}
