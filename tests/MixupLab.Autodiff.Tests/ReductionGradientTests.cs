using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class ReductionGradientTests
{
    public static TheoryData<int, bool> Axes => new()
    {
        { 0, false }, { 1, true }, { 2, false }, { -1, true },
    };

    [Fact]
    public void SumAndMeanOfAllElementsAreRankZero()
    {
        var x = new Var(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3));
        var s = Ops.Sum(x);
        var m = Ops.Mean(x);
        Assert.Empty(s.Shape);
        Assert.Empty(m.Shape);
        Assert.Equal(21f, s.ToScalar());
        Assert.Equal(3.5f, m.ToScalar());
        Assert.Equal([5f, 7f, 9f], Ops.Sum(x, 0).Value.ToArray());
        Assert.Equal([2f, 5f], Ops.Mean(x, 1).Value.ToArray());
        Assert.Equal([2, 1], Ops.Mean(x, 1, keepDim: true).Shape);
    }

    [Theory]
    [MemberData(nameof(Axes))]
    public void AxisReductionsMatchFiniteDifferencesToSecondOrder(int axis, bool keepDim)
    {
        var x = GradCheck.Uniform(5, -2f, 2f, 2, 3, 4);
        GradCheck.First(v => Ops.Sum(v[0], axis, keepDim), [x]);
        GradCheck.First(v => Ops.Mean(v[0], axis, keepDim), [x]);
        GradCheck.First(v => Ops.LogSumExp(v[0], axis, keepDim), [x]);
        GradCheck.First(v => Ops.Softmax(v[0], axis), [x]);
        GradCheck.First(v => Ops.LogSoftmax(v[0], axis), [x]);
        GradCheck.Second(v => Ops.Square(Ops.Sum(v[0], axis, keepDim)), [x]);
        GradCheck.Second(v => Ops.LogSumExp(v[0], axis, keepDim), [x]);
        GradCheck.Second(v => Ops.Softmax(v[0], axis), [x]);
        GradCheck.Second(v => Ops.LogSoftmax(v[0], axis), [x]);
    }

    [Fact]
    public void WholeTensorReductionsMatchFiniteDifferencesToSecondOrder()
    {
        var x = GradCheck.Uniform(6, -2f, 2f, 3, 4);
        GradCheck.First(v => Ops.Sum(v[0]), [x]);
        GradCheck.First(v => Ops.Mean(v[0]), [x]);
        GradCheck.Second(v => Ops.Square(Ops.Mean(Ops.Square(v[0]))), [x]);
    }

    [Fact]
    public void MaxRoutesGradientToTheFirstArgMax()
    {
        var x = new Var(Tensor.FromArray([1f, 5f, 5f, 2f, 0f, -1f], 2, 3), requiresGrad: true);
        var m = Ops.Max(x, 1);
        Assert.Equal([5f, 2f], m.Value.ToArray());
        var g = Autograd.Grad(Ops.Sum(m), [x])[0].Value;
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f], g.ToArray());
    }

    [Theory]
    [MemberData(nameof(Axes))]
    public void MaxMatchesFiniteDifferencesToSecondOrder(int axis, bool keepDim)
    {
        var x = GradCheck.Uniform(7, -2f, 2f, 2, 3, 4);
        GradCheck.First(v => Ops.Max(v[0], axis, keepDim), [x]);
        GradCheck.Second(v => Ops.Square(Ops.Max(v[0], axis, keepDim)), [x]);
    }

    [Fact]
    public void SoftmaxRowsSumToOneAndLogSoftmaxIsItsLog()
    {
        var x = new Var(GradCheck.Uniform(8, -5f, 5f, 4, 7));
        var p = Ops.Softmax(x);
        var rowSums = Ops.Sum(p, 1).Value;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1f, rowSums[i], 5);
        }

        GradCheck.AssertClose(Ops.Log(p).Value, Ops.LogSoftmax(x).Value, rtol: 1e-5, atol: 1e-5);
    }

    [Fact]
    public void FusedOpsEqualTheCompositesTheyReplace()
    {
        var x = new Var(GradCheck.Uniform(9, -3f, 3f, 3, 5), requiresGrad: true);
        var composite = Ops.Log(Ops.Sum(Ops.Exp(x), 1));
        GradCheck.AssertClose(composite.Value, Ops.LogSumExp(x, 1).Value, rtol: 1e-5, atol: 1e-5);
        var e = Ops.Exp(x);
        var softmax = e / Ops.Sum(e, 1, keepDim: true);
        GradCheck.AssertClose(softmax.Value, Ops.Softmax(x, 1).Value, rtol: 1e-5, atol: 1e-6);

        var w = new Var(GradCheck.Uniform(10, -1f, 1f, 3, 5));
        var gFused = Autograd.Grad(Ops.Sum(Ops.LogSoftmax(x) * w), [x])[0].Value;
        var gComposite = Autograd.Grad(Ops.Sum((x - Ops.LogSumExp(x, 1, keepDim: true)) * w), [x])[0].Value;
        GradCheck.AssertClose(gComposite, gFused, rtol: 1e-4, atol: 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void FusedFirstOrderBackwardEqualsTheRecordedRule(int axis)
    {
        var x = new Var(GradCheck.Uniform(11, -3f, 3f, 3, 4, 5), requiresGrad: true);
        var w = new Var(GradCheck.Uniform(12, -1f, 1f, 3, 4, 5));
        foreach (var f in new Func<Var, Var>[] { v => Ops.Softmax(v, axis), v => Ops.LogSoftmax(v, axis) })
        {
            var fast = Autograd.Grad(Ops.Sum(f(x) * w), [x])[0];
            var recorded = Autograd.Grad(Ops.Sum(f(x) * w), [x], createGraph: true)[0];
            Assert.Null(fast.Node);
            Assert.NotNull(recorded.Node);
            GradCheck.AssertClose(recorded.Value, fast.Value, rtol: 1e-5, atol: 1e-6);
        }
    }

    [Fact]
    public void LogSumExpIsStableForLargeInputs()
    {
        var x = new Var(Tensor.FromArray([1000f, 1000f], 2), requiresGrad: true);
        var y = Ops.LogSumExp(x, 0);
        Assert.Equal(1000f + MathF.Log(2f), y.ToScalar(), 3);
        Assert.Equal([0.5f, 0.5f], Autograd.Grad(y, [x])[0].Value.ToArray());
        var p = Ops.Softmax(new Var(Tensor.FromArray([1000f, -1000f, 0f], 3)));
        Assert.Equal([1f, 0f, 0f], p.Value.ToArray());
        var allNegInf = Ops.LogSumExp(new Var(Tensor.FromArray([float.NegativeInfinity, float.NegativeInfinity], 2)), 0);
        Assert.Equal(float.NegativeInfinity, allNegInf.ToScalar());
    }

    [Fact]
    public void AxisOutOfRangeIsAClearError()
    {
        var x = new Var(Tensor.Zeros(2, 3));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Sum(x, 2));
        Assert.Contains("rank 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Softmax(x, -3));
    }
}
