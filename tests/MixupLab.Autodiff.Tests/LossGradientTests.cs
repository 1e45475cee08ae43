using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class LossGradientTests
{
    private static readonly int[] _labels = [2, 0, 1, 2];

    public static TheoryData<Reduction> Reductions => new() { Reduction.Mean, Reduction.Sum, Reduction.None };

    [Theory]
    [MemberData(nameof(Reductions))]
    public void CrossEntropyMatchesFiniteDifferencesToSecondOrder(Reduction r)
    {
        var z = GradCheck.Uniform(1, -2f, 2f, 4, 3);
        GradCheck.First(v => Ops.CrossEntropy(v[0], _labels, r), [z]);
        GradCheck.Second(v => Ops.CrossEntropy(v[0], _labels, r), [z]);
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void SoftCrossEntropyMatchesFiniteDifferencesToSecondOrder(Reduction r)
    {
        var z = GradCheck.Uniform(2, -2f, 2f, 4, 3);
        var t = GradCheck.Uniform(3, 0f, 1f, 4, 3);
        GradCheck.First(v => Ops.SoftCrossEntropy(v[0], v[1], r), [z, t]);
        GradCheck.Second(v => Ops.SoftCrossEntropy(v[0], v[1], r), [z, t]);
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void BinaryCrossEntropyWithLogitsMatchesFiniteDifferencesToSecondOrder(Reduction r)
    {
        var z = GradCheck.Uniform(4, -3f, 3f, 3, 2);
        var y = GradCheck.Uniform(5, 0f, 1f, 3, 2);
        GradCheck.First(v => Ops.BinaryCrossEntropyWithLogits(v[0], v[1], r), [z, y]);
        GradCheck.Second(v => Ops.BinaryCrossEntropyWithLogits(v[0], v[1], r), [z, y]);
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void MseLossMatchesFiniteDifferencesToSecondOrder(Reduction r)
    {
        var p = GradCheck.Uniform(6, -1f, 1f, 3, 2);
        var t = GradCheck.Uniform(7, -1f, 1f, 3, 2);
        GradCheck.First(v => Ops.MseLoss(v[0], v[1], r), [p, t]);
        GradCheck.Second(v => Ops.MseLoss(v[0], v[1], r), [p, t]);
    }

    [Fact]
    public void CrossEntropyOnKnownLogits()
    {
        // Row 0: logits (1, 2, 3), label 2: ln(e + e² + e³) − 3 = 0.40760596.
        // Row 1: logits (0, 0, 0), label 0: ln 3 = 1.0986123.
        var z = new Var(Tensor.FromArray([1f, 2f, 3f, 0f, 0f, 0f], 2, 3), requiresGrad: true);
        var perSample = Ops.CrossEntropy(z, [2, 0], Reduction.None);
        Assert.Equal([2], perSample.Shape);
        Assert.Equal(0.40760596f, perSample.Value[0], 5);
        Assert.Equal(1.0986123f, perSample.Value[1], 5);
        var mean = Ops.CrossEntropy(z, [2, 0]);
        Assert.Empty(mean.Shape);
        Assert.Equal((0.40760596f + 1.0986123f) / 2, mean.ToScalar(), 5);
        Assert.Equal(0.40760596f + 1.0986123f, Ops.CrossEntropy(z, [2, 0], Reduction.Sum).ToScalar(), 5);

        var g = Autograd.Grad(mean, [z])[0].Value;
        Assert.Equal((1f / 3 - 1) / 2, g[3], 6);
        Assert.Equal(1f / 6, g[4], 6);
    }

    [Fact]
    public void FusedLossesEqualTheCompositesTheyReplace()
    {
        var z = new Var(GradCheck.Uniform(8, -3f, 3f, 4, 3), requiresGrad: true);
        var oneHot = Tensor.Zeros(4, 3);
        for (int i = 0; i < 4; i++)
        {
            oneHot[i, _labels[i]] = 1f;
        }

        var composite = -Ops.Sum(Ops.LogSoftmax(z) * new Var(oneHot), 1);
        GradCheck.AssertClose(composite.Value, Ops.CrossEntropy(z, _labels, Reduction.None).Value, atol: 1e-5);
        GradCheck.AssertClose(composite.Value, Ops.SoftCrossEntropy(z, new Var(oneHot), Reduction.None).Value, atol: 1e-5);

        var gFused = Autograd.Grad(Ops.CrossEntropy(z, _labels), [z])[0].Value;
        var gComposite = Autograd.Grad(Ops.Mean(composite), [z])[0].Value;
        GradCheck.AssertClose(gComposite, gFused, atol: 1e-6);

        var y = new Var(GradCheck.Uniform(9, 0f, 1f, 4, 3));
        var bceComposite = Ops.Softplus(z) - (y * z);
        GradCheck.AssertClose(bceComposite.Value, Ops.BinaryCrossEntropyWithLogits(z, y, Reduction.None).Value, atol: 1e-6);
        var naive = -((y * Ops.Log(Ops.Sigmoid(z))) + ((-y + 1f) * Ops.Log(-Ops.Sigmoid(z) + 1f)));
        GradCheck.AssertClose(naive.Value, Ops.BinaryCrossEntropyWithLogits(z, y, Reduction.None).Value, rtol: 1e-4, atol: 1e-5);
    }

    [Fact]
    public void SecondOrderPathAgreesWithFirstOrderFastPath()
    {
        var z = new Var(GradCheck.Uniform(10, -2f, 2f, 4, 3), requiresGrad: true);
        var t = new Var(GradCheck.Uniform(11, 0f, 1f, 4, 3), requiresGrad: true);
        var fast = Autograd.Grad(Ops.SoftCrossEntropy(z, t), [z, t]);
        var graph = Autograd.Grad(Ops.SoftCrossEntropy(z, t), [z, t], createGraph: true);
        GradCheck.AssertClose(fast[0].Value, graph[0].Value, atol: 1e-6);
        GradCheck.AssertClose(fast[1].Value, graph[1].Value, atol: 1e-6);
        var ceFast = Autograd.Grad(Ops.CrossEntropy(z, _labels), [z])[0];
        var ceGraph = Autograd.Grad(Ops.CrossEntropy(z, _labels), [z], createGraph: true)[0];
        GradCheck.AssertClose(ceFast.Value, ceGraph.Value, atol: 1e-6);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableAtLargeLogits()
    {
        var z = new Var(Tensor.FromArray([100f, -100f, 100f, -100f], 4), requiresGrad: true);
        var y = new Var(Tensor.FromArray([0f, 1f, 1f, 0f], 4));
        var loss = Ops.BinaryCrossEntropyWithLogits(z, y, Reduction.None);
        Assert.Equal([100f, 100f, 0f, 0f], loss.Value.ToArray());
        var g = Autograd.Grad(Ops.Sum(loss), [z])[0].Value;
        Assert.All(g.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal([1f, -1f, 0f, 0f], g.ToArray());
    }

    [Fact]
    public void InvalidInputsGiveClearErrors()
    {
        var z = new Var(Tensor.Zeros(2, 3));
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.CrossEntropy(z, [0, 3]));
        Assert.Contains("labels[1] = 3", bad.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 3)", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.CrossEntropy(z, [-1, 0]));
        var count = Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(z, [0]));
        Assert.Contains("expected 2", count.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(new Var(Tensor.Zeros(6)), [0]));
        var soft = Assert.Throws<ArgumentException>(() => Ops.SoftCrossEntropy(z, new Var(Tensor.Zeros(2, 4))));
        Assert.Contains("(2, 4)", soft.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.BinaryCrossEntropyWithLogits(z, new Var(Tensor.Zeros(3, 2))));
        Assert.Throws<ArgumentException>(() => Ops.MseLoss(z, new Var(Tensor.Zeros(6))));
    }
}
