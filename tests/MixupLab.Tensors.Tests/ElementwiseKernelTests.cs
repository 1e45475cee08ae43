using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

public class ElementwiseKernelTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 70; n++)
        {
            data.Add(n);
        }

        data.Add(127);
        data.Add(1001);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void VectorisedKernelsEqualScalarReferences(int n)
    {
        var x = Signed(n, (ulong)n + 1);
        var g = Signed(n, (ulong)n + 1000);
        if (n > 3)
        {
            x[1] = 0f;
            x[2] = -0f;
        }

        var expected = new float[n];
        var actual = new float[n];

        ElementwiseReference.ReluBackward(g, x, expected);
        ElementwiseKernels.ReluBackward(g, x, actual);
        Assert.Equal(expected, actual);

        ElementwiseReference.LeakyRelu(x, 0.1f, expected);
        ElementwiseKernels.LeakyRelu(x, 0.1f, actual);
        Assert.Equal(expected, actual);

        ElementwiseReference.LeakyReluBackward(g, x, 0.1f, expected);
        ElementwiseKernels.LeakyReluBackward(g, x, 0.1f, actual);
        Assert.Equal(expected, actual);

        ElementwiseReference.Sign(x, expected);
        ElementwiseKernels.Sign(x, actual);
        Assert.Equal(expected, actual);

        var wide = x.Select(v => v * 30f).ToArray();
        ElementwiseReference.Softplus(wide, expected);
        ElementwiseKernels.Softplus(wide, actual);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + (1e-6 * Math.Abs(expected[i])), $"softplus({wide[i]}): {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void SoftplusMayRunInPlace()
    {
        var x = Signed(300, 3).Select(v => v * 10f).ToArray();
        var expected = new float[x.Length];
        ElementwiseReference.Softplus(x, expected);
        ElementwiseKernels.Softplus(x, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - x[i]) <= 1e-6 + (1e-6 * Math.Abs(expected[i])), $"element {i}: {expected[i]} vs {x[i]}");
        }
    }

    [Fact]
    public void ClampInPlaceBoundsEveryElement()
    {
        var t = Tensor.FromArray([-2f, -0.5f, 0f, 0.5f, 2f], 5);
        ElementwiseKernels.ClampInPlace(t, -1f, 1f);
        Assert.Equal([-1f, -0.5f, 0f, 0.5f, 1f], t.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => ElementwiseKernels.ClampInPlace(t, 1f, -1f));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignOfTensor()
    {
        var t = Tensor.FromArray([-3f, 0f, 0.25f, float.NaN], 4);
        var s = Tensor.Empty(4);
        ElementwiseKernels.Sign(t, s);
        Assert.Equal([-1f, 0f, 1f, 0f], s.ToArray());
    }

    [Fact]
    public void ThreadedTensorKernelsGiveTheSameBitsAsOneThread()
    {
        int saved = Engine.Threads;
        try
        {
            var x = Tensor.FromArray(Signed(300_001, 9), 300_001);
            var one = Tensor.Empty(x.Length);
            var two = Tensor.Empty(x.Length);
            Engine.Threads = 1;
            ElementwiseKernels.Softplus(x, one);
            Engine.Threads = 2;
            ElementwiseKernels.Softplus(x, two);
            Assert.Equal(one.ToArray(), two.ToArray());

            var m = Tensor.FromArray(Signed(3000 * 37, 10), 3000, 37);
            var s1 = Tensor.Empty(3000, 37);
            var s2 = Tensor.Empty(3000, 37);
            Engine.Threads = 1;
            ReductionKernels.LogSoftmax(m, 1, s1);
            Engine.Threads = 2;
            ReductionKernels.LogSoftmax(m, 1, s2);
            Assert.Equal(s1.ToArray(), s2.ToArray());
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [Fact]
    public void DropoutMaskKeepsOneMinusPScaled()
    {
        var mask = new float[20_000];
        DropoutKernels.FillMask(new RandomSource(4), 0.25f, mask);
        Assert.All(mask, v => Assert.True(v == 0f || v == 1f / 0.75f));
        Assert.InRange(mask.Count(v => v != 0f) / 20_000.0, 0.73, 0.77);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernels.FillMask(new RandomSource(4), 1f, mask));
    }

    internal static float[] Signed(int n, ulong seed)
    {
        var v = new float[n];
        new RandomSource(seed).FillUniform(v, -2f, 2f);
        return v;
    }
}
