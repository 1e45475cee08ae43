using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class BatchNormTests
{
    public static TheoryData<int[]> Layouts => new()
    {
        new[] { 5, 3 },
        new[] { 3, 2, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TrainingModeMatchesFiniteDifferences(int[] shape)
    {
        int c = shape[1];
        var x = GradCheck.Uniform(1, -2, 2, shape);
        var gamma = GradCheck.Uniform(2, 0.5f, 1.5f, c);
        var beta = GradCheck.Uniform(3, -1, 1, c);
        var rm = Tensor.Zeros(c);
        var rv = Tensor.Full(1f, c);
        GradCheck.First(v => Ops.BatchNorm(v[0], v[1], v[2], rm, rv, training: true), [x, gamma, beta], rtol: 3e-2, atol: 3e-3);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EvalModeMatchesFiniteDifferencesAndTheAffineFormula(int[] shape)
    {
        int c = shape[1];
        var x = GradCheck.Uniform(4, -2, 2, shape);
        var gamma = GradCheck.Uniform(5, 0.5f, 1.5f, c);
        var beta = GradCheck.Uniform(6, -1, 1, c);
        var rm = GradCheck.Uniform(7, -0.5f, 0.5f, c);
        var rv = GradCheck.Uniform(8, 0.5f, 2f, c);
        var rmBefore = rm.ToArray();
        var rvBefore = rv.ToArray();
        GradCheck.First(v => Ops.BatchNorm(v[0], v[1], v[2], rm, rv, training: false, eps: 1e-3f), [x, gamma, beta]);

        var y = Ops.BatchNorm(new Var(x), new Var(gamma), new Var(beta), rm, rv, training: false, eps: 1e-3f).Value;
        int s = x.Length / (shape[0] * c);
        for (int i = 0; i < x.Length; i++)
        {
            int ch = i / s % c;
            float expected = (gamma[ch] * (x[i] - rm[ch]) / MathF.Sqrt(rv[ch] + 1e-3f)) + beta[ch];
            Assert.Equal(expected, y[i], 1e-5f);
        }

        Assert.Equal(rmBefore, rm.ToArray());
        Assert.Equal(rvBefore, rv.ToArray());
    }

    [Fact]
    public void TrainingNormalisesWithBatchStatisticsAndUpdatesRunningStatsAsPyTorch()
    {
        // Channel 0 holds 1, 2, 3, 6 (mean 3, biased var 3.5, unbiased var 14/3); channel 1 holds 0, 0, 4, 4 (mean 2, var 4, unbiased 16/3).
        var x = new Var(Tensor.FromArray([1, 0, 2, 0, 3, 4, 6, 4], 4, 2));
        var gamma = new Var(Tensor.FromArray([2, 1], 2));
        var beta = new Var(Tensor.FromArray([0.5f, -1], 2));
        var rm = Tensor.FromArray([1, -1], 2);
        var rv = Tensor.FromArray([2, 3], 2);
        var y = Ops.BatchNorm(x, gamma, beta, rm, rv, training: true, momentum: 0.25f, eps: 0.5f).Value;

        Assert.Equal((0.75f * 1) + (0.25f * 3), rm[0], 1e-6f);
        Assert.Equal((0.75f * -1) + (0.25f * 2), rm[1], 1e-6f);
        Assert.Equal((0.75f * 2) + (0.25f * 14f / 3), rv[0], 1e-5f);
        Assert.Equal((0.75f * 3) + (0.25f * 16f / 3), rv[1], 1e-5f);
        Assert.Equal((2 * (1 - 3) / 2f) + 0.5f, y[0], 1e-5f); // √(3.5 + 0.5) = 2
        Assert.Equal((1 * (4 - 2) / MathF.Sqrt(4.5f)) - 1, y[5], 1e-5f);
    }

    [Fact]
    public void ImageLayoutNormalisesEachChannelOverBatchAndPlane()
    {
        var x = GradCheck.Uniform(9, -3, 5, 4, 3, 5, 7);
        var y = Ops.BatchNorm(new Var(x), new Var(Tensor.Full(1f, 3)), new Var(Tensor.Zeros(3)), Tensor.Zeros(3), Tensor.Full(1f, 3), training: true, eps: 0f).Value;
        for (int ch = 0; ch < 3; ch++)
        {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 4; n++)
            {
                for (int p = 0; p < 35; p++)
                {
                    double v = y[(((n * 3) + ch) * 35) + p];
                    sum += v;
                    sq += v * v;
                }
            }

            Assert.Equal(0, sum / 140, 1e-5);
            Assert.Equal(1, sq / 140, 1e-4);
        }
    }

    [Fact]
    public void BadShapesAreRejectedWithTheShapeFound()
    {
        var x = new Var(Tensor.Zeros(4, 3, 2, 2));
        var ok = new Var(Tensor.Zeros(3));
        var e = Assert.Throws<ArgumentException>(() => Ops.BatchNorm(x, new Var(Tensor.Zeros(4)), ok, Tensor.Zeros(3), Tensor.Zeros(3), true));
        Assert.Contains("(4, 3, 2, 2)", e.Message);
        Assert.Contains("gamma", e.Message);
        var rank = Assert.Throws<ArgumentException>(() => Ops.BatchNorm(new Var(Tensor.Zeros(4, 3, 2)), ok, ok, Tensor.Zeros(3), Tensor.Zeros(3), true));
        Assert.Contains("(4, 3, 2)", rank.Message);
    }
}
