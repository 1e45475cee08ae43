using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class LinearAlgebraGradientTests
{
    public static TheoryData<bool, bool> Flags => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Flags))]
    public void MatMulMatchesFiniteDifferencesToSecondOrder(bool ta, bool tb)
    {
        // op(a) is 3×4, op(b) is 4×2.
        var a = GradCheck.Uniform(1, -1f, 1f, ta ? [4, 3] : [3, 4]);
        var b = GradCheck.Uniform(2, -1f, 1f, tb ? [2, 4] : [4, 2]);
        GradCheck.First(v => Ops.MatMul(v[0], v[1], ta, tb), [a, b]);
        GradCheck.Second(v => Ops.MatMul(v[0], v[1], ta, tb), [a, b]);
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void MatMulEqualsTheProductOfTransposes(bool ta, bool tb)
    {
        var a = new Var(GradCheck.Uniform(3, -1f, 1f, ta ? [4, 3] : [3, 4]));
        var b = new Var(GradCheck.Uniform(4, -1f, 1f, tb ? [2, 4] : [4, 2]));
        var expected = Ops.MatMul(ta ? Ops.Transpose(a, 0, 1) : a, tb ? Ops.Transpose(b, 0, 1) : b);
        GradCheck.AssertClose(expected.Value, Ops.MatMul(a, b, ta, tb).Value);
    }

    [Fact]
    public void MatMulClosedForm()
    {
        var a = new Var(Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2));
        var b = new Var(Tensor.FromArray([5f, 6f, 7f, 8f], 2, 2));
        Assert.Equal([19f, 22f, 43f, 50f], Ops.MatMul(a, b).Value.ToArray());
    }

    [Fact]
    public void LinearMatchesFiniteDifferencesToSecondOrder()
    {
        var x = GradCheck.Uniform(5, -1f, 1f, 3, 4);
        var w = GradCheck.Uniform(6, -1f, 1f, 2, 4);
        var b = GradCheck.Uniform(7, -1f, 1f, 2);
        GradCheck.First(v => Ops.Linear(v[0], v[1], v[2]), [x, w, b]);
        GradCheck.First(v => Ops.Linear(v[0], v[1]), [x, w]);
        GradCheck.Second(v => Ops.Tanh(Ops.Linear(v[0], v[1], v[2])), [x, w, b]);
    }

    [Fact]
    public void LinearEqualsMatMulPlusBias()
    {
        var x = new Var(GradCheck.Uniform(8, -1f, 1f, 5, 3));
        var w = new Var(GradCheck.Uniform(9, -1f, 1f, 4, 3));
        var b = new Var(GradCheck.Uniform(10, -1f, 1f, 4));
        GradCheck.AssertClose((Ops.MatMul(x, w, transposeB: true) + b).Value, Ops.Linear(x, w, b).Value);
    }

    [Fact]
    public void ShapeMismatchesAreClearErrors()
    {
        var a = new Var(Tensor.Zeros(3, 4));
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(a, new Var(Tensor.Zeros(3, 2))));
        Assert.Contains("inner dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.MatMul(a, new Var(Tensor.Zeros(4))));
        var lin = Assert.Throws<ArgumentException>(() => Ops.Linear(a, new Var(Tensor.Zeros(2, 5))));
        Assert.Contains("(2, 5)", lin.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.Linear(a, new Var(Tensor.Zeros(2, 4)), new Var(Tensor.Zeros(3))));
    }
}
