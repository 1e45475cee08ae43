using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class PoolingGradientTests
{
    /// <summary>Distinct values 0.05 apart in shuffled order, so no window has a tie within the FD step.</summary>
    private static Tensor DistinctValues(ulong seed, params int[] shape)
    {
        var t = Tensor.Empty(shape);
        var order = new RandomSource(seed).Permutation(t.Length);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = (order[i] * 0.05f) - 1f;
        }

        return t;
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 0, 0)]
    [InlineData(3, 3, 2, 2, 1, 1)]
    [InlineData(3, 2, 1, 2, 1, 0)]
    public void MaxPool2dMatchesFiniteDifferences(int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var x = DistinctValues(1, 2, 2, 5, 6);
        GradCheck.First(v => Ops.MaxPool2d(v[0], (kh, kw), (sh, sw), (ph, pw)), [x]);
    }

    [Fact]
    public void MaxPool2dPicksTheWindowMaximum()
    {
        var x = new Var(Tensor.FromArray([1, 5, 2, 0, 3, 4, 9, 8, -1, 7, 6, 2, 0, 0, 1, 3], 1, 1, 4, 4), requiresGrad: true);
        var y = Ops.MaxPool2d(x, 2, 2);
        Assert.Equal([5f, 9f, 7f, 6f], y.Value.ToArray());
        var dx = Autograd.Grad(y, [x], new Var(Tensor.FromArray([1, 2, 3, 4], 1, 1, 2, 2)))[0];
        Assert.Equal([0, 1, 0, 0, 0, 0, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0], dx.Value.ToArray());
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 0, 0)]
    [InlineData(3, 3, 2, 2, 1, 1)]
    [InlineData(3, 2, 1, 2, 1, 1)]
    public void AvgPool2dMatchesFiniteDifferences(int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var x = GradCheck.Uniform(2, -1, 1, 2, 2, 5, 6);
        GradCheck.First(v => Ops.AvgPool2d(v[0], (kh, kw), (sh, sw), (ph, pw)), [x]);
    }

    [Fact]
    public void AvgPool2dCountsPaddingAsZeros()
    {
        var x = new Var(Tensor.FromArray([1, 2, 3, 4], 1, 1, 2, 2));
        var y = Ops.AvgPool2d(x, 3, 1, 1);
        Assert.Equal([10f / 9, 10f / 9, 10f / 9, 10f / 9], y.Value.ToArray());
    }

    [Fact]
    public void GlobalAvgPool2dMatchesFirstAndSecondOrderFiniteDifferences()
    {
        var x = GradCheck.Uniform(3, -1, 1, 2, 3, 4, 5);
        GradCheck.First(v => Ops.GlobalAvgPool2d(v[0]), [x]);
        GradCheck.Second(v => Ops.GlobalAvgPool2d(v[0] * v[0] * v[0]), [x]);
    }

    [Fact]
    public void GlobalAvgPool2dAveragesEachPlane()
    {
        var x = new Var(Tensor.FromArray([1, 2, 3, 4, 10, 20, 30, 40], 1, 2, 2, 2));
        Assert.Equal([2.5f, 25f], Ops.GlobalAvgPool2d(x).Value.ToArray());
    }

    [Fact]
    public void PoolingRejectsBadArguments()
    {
        var flat = Assert.Throws<ArgumentException>(() => Ops.MaxPool2d(new Var(Tensor.Zeros(2, 3)), 2, 2));
        Assert.Contains("(2, 3)", flat.Message);
        var pad = Assert.Throws<ArgumentException>(() => Ops.AvgPool2d(new Var(Tensor.Zeros(1, 1, 4, 4)), 2, 2, 2));
        Assert.Contains("padding", pad.Message);
        var gap = Assert.Throws<ArgumentException>(() => Ops.GlobalAvgPool2d(new Var(Tensor.Zeros(4, 5))));
        Assert.Contains("(4, 5)", gap.Message);
    }
}
