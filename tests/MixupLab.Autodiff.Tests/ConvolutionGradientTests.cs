using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class ConvolutionGradientTests
{
    [Theory]
    [InlineData(1, 1, 0, 0, true)]
    [InlineData(2, 2, 1, 1, true)]
    [InlineData(2, 1, 1, 0, false)]
    [InlineData(1, 2, 0, 1, false)]
    public void Conv2dMatchesFiniteDifferences(int sh, int sw, int ph, int pw, bool withBias)
    {
        var x = GradCheck.Uniform(1, -1, 1, 2, 3, 5, 6);
        var w = GradCheck.Uniform(2, -1, 1, 4, 3, 3, 2);
        var b = GradCheck.Uniform(3, -1, 1, 4);
        if (withBias)
        {
            GradCheck.First(v => Ops.Conv2d(v[0], v[1], v[2], (sh, sw), (ph, pw)), [x, w, b]);
        }
        else
        {
            GradCheck.First(v => Ops.Conv2d(v[0], v[1], null, (sh, sw), (ph, pw)), [x, w]);
        }
    }

    [Fact]
    public void OneByOneStrideTwoShortcutMatchesFiniteDifferences()
    {
        var x = GradCheck.Uniform(4, -1, 1, 2, 3, 5, 5);
        var w = GradCheck.Uniform(5, -1, 1, 4, 3, 1, 1);
        GradCheck.First(v => Ops.Conv2d(v[0], v[1], null, stride: 2), [x, w]);
        GradCheck.First(v => Ops.Conv2d(v[0], v[1]), [x, w]);
    }

    [Fact]
    public void Conv2dWithFrozenInputGivesOnlyParameterGradients()
    {
        var x = new Var(GradCheck.Uniform(6, -1, 1, 1, 2, 4, 4));
        var w = new Var(GradCheck.Uniform(7, -1, 1, 3, 2, 3, 3), requiresGrad: true);
        var y = Ops.Conv2d(x, w, padding: 1);
        Assert.Equal([1, 3, 4, 4], y.Shape);
        var grads = Autograd.Grad(y, [w], new Var(Tensor.Full(1f, y.Shape)));
        Assert.Equal(w.Shape, grads[0].Shape);
    }

    [Fact]
    public void ChannelMismatchNamesBothShapes()
    {
        var x = new Var(Tensor.Zeros(2, 3, 5, 5));
        var w = new Var(Tensor.Zeros(4, 2, 3, 3));
        var e = Assert.Throws<ArgumentException>(() => Ops.Conv2d(x, w));
        Assert.Contains("(2, 3, 5, 5)", e.Message);
        Assert.Contains("(4, 2, 3, 3)", e.Message);
        Assert.Equal("weight", e.ParamName);
    }

    [Fact]
    public void BadShapesAreRejectedWithTheShapeFound()
    {
        var w = new Var(Tensor.Zeros(4, 3, 3, 3));
        var flat = Assert.Throws<ArgumentException>(() => Ops.Conv2d(new Var(Tensor.Zeros(3, 5, 5)), w));
        Assert.Contains("(3, 5, 5)", flat.Message);
        var bias = Assert.Throws<ArgumentException>(() => Ops.Conv2d(new Var(Tensor.Zeros(1, 3, 5, 5)), w, new Var(Tensor.Zeros(3))));
        Assert.Contains("(4)", bias.Message);
        var small = Assert.Throws<ArgumentException>(() => Ops.Conv2d(new Var(Tensor.Zeros(1, 3, 2, 2)), w));
        Assert.Contains("(1, 3, 2, 2)", small.Message);
    }

    [Fact]
    public void Conv2dRefusesCreateGraph()
    {
        var x = new Var(GradCheck.Uniform(8, -1, 1, 1, 1, 3, 3), requiresGrad: true);
        var w = new Var(GradCheck.Uniform(9, -1, 1, 1, 1, 2, 2), requiresGrad: true);
        var y = Ops.Conv2d(x, w);
        Assert.Throws<NotSupportedException>(() => Autograd.Grad(y, [x], new Var(Tensor.Full(1f, y.Shape)), createGraph: true));
    }
}
