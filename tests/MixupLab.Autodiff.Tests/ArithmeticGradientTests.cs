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
    [Fact]
    public void SharedPassThroughGradientsAreNotCorruptedByLaterAccumulation()
    {
        // h = a + b feeds two consumers, so its gradient is a summed buffer; Add hands that same buffer to
        // a and b, which each get one more contribution. Expected: da = 2 + 3 = 5 (h twice, 3a), db = 2 + 5 = 7.
        // The traversal order decides whether the shared buffer is touched again, so try several orders.
        Func<Var, Var, Var, Var>[] forms =
        [
            (a, b, h) => h + h + (a * 3f) + (b * 5f),
            (a, b, h) => (a * 3f) + (b * 5f) + h + h,
            (a, b, h) => (a * 3f) + h + (b * 5f) + h,
            (a, b, h) => h + (a * 3f) + h + (b * 5f),
            (a, b, h) => (h + h) + ((a * 3f) + (b * 5f)),
            (a, b, h) => ((a * 3f) + (b * 5f)) + (h + h),
        ];
        foreach (var (form, viaGrad) in forms.SelectMany(f => new[] { (f, false), (f, true) }))
        {
            var a = new Var(Tensor.FromArray([1f], 1), requiresGrad: true);
            var b = new Var(Tensor.FromArray([1f], 1), requiresGrad: true);
            var h = a + b;
            var y = form(a, b, h);
            if (viaGrad)
            {
                var g = Autograd.Grad(y, [a, b, h]);
                Assert.Equal([5f, 7f, 2f], g.Select(v => v.Value[0]).ToArray());
            }
            else
            {
                Autograd.Backward(y);
                Assert.Equal(5f, a.Grad![0]);
                Assert.Equal(7f, b.Grad![0]);
            }
        }
    }

    [Fact]
    public void BackwardFromALeafSetsItsGradient()
    {
        var x = new Var(Tensor.FromArray([2f, 3f], 2), requiresGrad: true);
        Autograd.Backward(x, Tensor.FromArray([1f, 4f], 2));
        Assert.Equal([1f, 4f], x.Grad!.ToArray());
    }
}
