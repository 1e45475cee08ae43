using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class ShapeGradientTests
{
    [Fact]
    public void ReshapeAndFlattenKeepElementOrder()
    {
        var x = new Var(GradCheck.Uniform(1, -1f, 1f, 2, 3, 4));
        var r = Ops.Reshape(x, 4, -1);
        Assert.Equal([4, 6], r.Shape);
        Assert.Equal(x.Value.ToArray(), r.Value.ToArray());
        Assert.Equal([2, 12], Ops.Flatten(x).Shape);
        Assert.Equal([24], Ops.Flatten(x, 0).Shape);
        Assert.Equal([2, 3, 4], Ops.Flatten(x, 2).Shape);
        var ex = Assert.Throws<ArgumentException>(() => Ops.Reshape(x, 5, -1));
        Assert.Contains("(2, 3, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Flatten(x, 3));
    }

    [Fact]
    public void ShapeOpsMatchFiniteDifferencesToSecondOrder()
    {
        var x = GradCheck.Uniform(2, -1f, 1f, 2, 3, 4);
        Func<Var[], Var>[] fs =
        [
            v => Ops.Reshape(v[0], 6, 4),
            v => Ops.Flatten(v[0]),
            v => Ops.Transpose(v[0], 0, 2),
            v => Ops.Permute(v[0], 1, 2, 0),
            v => Ops.Permute(v[0], 2, 0, 1),
            v => Ops.Narrow(v[0], 1, 1, 2),
            v => Ops.Narrow(v[0], -1, 0, 3),
            v => Ops.Concat([v[0], Ops.Square(v[0])], 1),
            v => Ops.IndexSelect(v[0], [1, 0, 1]),
        ];
        foreach (var f in fs)
        {
            GradCheck.First(f, [x]);
            GradCheck.Second(v => Ops.Square(f(v)), [x]);
        }
    }

    [Fact]
    public void IndexAddMatchesFiniteDifferencesToSecondOrder()
    {
        var a = GradCheck.Uniform(3, -1f, 1f, 3, 2);
        var s = GradCheck.Uniform(4, -1f, 1f, 4, 2);
        int[] idx = [2, 0, 2, 1];
        GradCheck.First(v => Ops.IndexAdd(v[0], idx, v[1]), [a, s]);
        GradCheck.Second(v => Ops.Square(Ops.IndexAdd(v[0], idx, v[1])), [a, s]);
    }

    [Fact]
    public void TransposeAndPermuteMoveElements()
    {
        var x = new Var(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3));
        var t = Ops.Transpose(x, 0, 1);
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], t.Value.ToArray());
        var y = new Var(GradCheck.Uniform(5, -1f, 1f, 2, 3, 4));
        var p = Ops.Permute(y, 2, 0, 1);
        Assert.Equal([4, 2, 3], p.Shape);
        Assert.Equal(y.Value[1, 2, 3], p.Value[3, 1, 2]);
        var ex = Assert.Throws<ArgumentException>(() => Ops.Permute(y, 0, 0, 1));
        Assert.Contains("not a permutation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NarrowAndConcatAreInverse()
    {
        var x = new Var(GradCheck.Uniform(6, -1f, 1f, 2, 5, 3));
        var parts = new[] { Ops.Narrow(x, 1, 0, 2), Ops.Narrow(x, 1, 2, 0), Ops.Narrow(x, 1, 2, 3) };
        Assert.Equal([2, 2, 3], parts[0].Shape);
        Assert.Equal(x.Value.ToArray(), Ops.Concat(parts, 1).Value.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => Ops.Concat([x, new Var(Tensor.Zeros(2, 5, 4))], 1));
        Assert.Contains("(2, 5, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Narrow(x, 1, 4, 2));
    }

    [Fact]
    public void IndexSelectGathersRowsAndItsGradientScatterAdds()
    {
        var x = new Var(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2), requiresGrad: true);
        var y = Ops.IndexSelect(x, [2, 0, 2]);
        Assert.Equal([5f, 6f, 1f, 2f, 5f, 6f], y.Value.ToArray());
        var g = Autograd.Grad(Ops.Sum(y), [x])[0].Value;
        Assert.Equal([1f, 1f, 0f, 0f, 2f, 2f], g.ToArray());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.IndexSelect(x, [0, 3]));
        Assert.Contains("indices[1] = 3", ex.Message, StringComparison.Ordinal);
    }
}
