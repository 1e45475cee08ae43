using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class ArithmeticGradientTests
{
    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { new[] { 3, 4 }, new[] { 3, 4 } },
        { new[] { 3, 4 }, new[] { 4 } },
        { new[] { 2, 3, 4 }, new[] { 3, 1 } },
        { new[] { 2, 1, 4 }, new[] { 1, 3, 1 } },
        { new[] { 5 }, Array.Empty<int>() },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void AddSubtractMultiplyDivideMatchFiniteDifferences(int[] sa, int[] sb)
    {
        var a = GradCheck.Uniform(1, -1, 1, sa);
        var b = GradCheck.Uniform(2, 0.5f, 1.5f, sb);
        GradCheck.First(v => v[0] + v[1], [a, b]);
        GradCheck.First(v => v[0] - v[1], [a, b]);
        GradCheck.First(v => v[0] * v[1], [a, b]);
        GradCheck.First(v => v[0] / v[1], [a, b]);
        GradCheck.First(v => (v[0] * 3f) + 2f, [a, b]);
    }

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void ProductAndQuotientHaveCorrectSecondDerivatives(int[] sa, int[] sb)
    {
        var a = GradCheck.Uniform(3, -1, 1, sa);
        var b = GradCheck.Uniform(4, 0.5f, 1.5f, sb);
        GradCheck.Second(v => v[0] * v[1] * v[0], [a, b]);
        GradCheck.Second(v => v[0] / v[1], [a, b]);
    }

    [Fact]
    public void BackwardAccumulatesIntoLeavesUsedTwice()
    {
        var x = new Var(Tensor.FromArray([2f], 1), requiresGrad: true);
        var y = (x * x) + (x * 3f);
        Autograd.Backward(y);
        Assert.Equal(7f, x.Grad![0]);
        Autograd.Backward(y);
        Assert.Equal(14f, x.Grad![0]);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var x = new Var(Tensor.FromArray([2f], 1), requiresGrad: true);
        using (GradMode.NoGrad())
        {
            var y = x * x;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.Node);
        }

        Assert.True((x * x).RequiresGrad);
    }

    [Fact]
    public void GradOfUnusedInputThrowsUnlessAllowed()
    {
        var x = new Var(Tensor.FromArray([2f], 1), requiresGrad: true);
        var z = new Var(Tensor.FromArray([5f], 1), requiresGrad: true);
        var y = x * x;
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad(y, [z]));
        Assert.Equal(0f, Autograd.Grad(y, [z], allowUnused: true)[0].Value[0]);
    }

    [Fact]
    public void GradientOfGradientOfCubeIsSixX()
    {
        var x = new Var(Tensor.FromArray([1.5f], 1), requiresGrad: true);
        var y = x * x * x;
        var g = Autograd.Grad(y, [x], createGraph: true)[0];
        Assert.Equal(3 * 1.5f * 1.5f, g.Value[0], 5);
        var h = Autograd.Grad(g, [x])[0];
        Assert.Equal(6 * 1.5f, h.Value[0], 5);
    }
}
