using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

public class ReductionKernelTests
{
    public static TheoryData<int, int, int> Splits => new()
    {
        { 1, 1, 1 }, { 3, 1, 5 }, { 2, 7, 1 }, { 4, 10, 1 }, { 2, 3, 17 }, { 1, 70, 1 }, { 5, 33, 3 }, { 2, 5, 0 }, { 0, 4, 2 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void AxisKernelsMatchDoublePrecisionReferences(int outer, int size, int inner)
    {
        var split = new AxisSplit(outer, size, inner);
        var x = ElementwiseKernelTests.Signed(outer * size * inner, (ulong)((outer * 100) + (size * 10) + inner)).Select(v => v * 5f).ToArray();
        int reduced = outer * inner;
        var sum = new float[reduced];
        var max = new float[reduced];
        var arg = new int[reduced];
        var lse = new float[reduced];
        var soft = new float[x.Length];
        var logSoft = new float[x.Length];
        ReductionKernels.Sum(x, split, sum);
        ReductionKernels.Max(x, split, max, arg);
        ReductionKernels.LogSumExp(x, split, lse);
        ReductionKernels.Softmax(x, split, soft);
        ReductionKernels.LogSoftmax(x, split, logSoft);
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double s = 0, m = double.NegativeInfinity;
                int best = 0;
                for (int j = 0; j < size; j++)
                {
                    double v = x[(((o * size) + j) * inner) + i];
                    s += v;
                    if (v > m)
                    {
                        m = v;
                        best = j;
                    }
                }

                double e = 0;
                for (int j = 0; j < size; j++)
                {
                    e += Math.Exp(x[(((o * size) + j) * inner) + i] - m);
                }

                int k = (o * inner) + i;
                Assert.Equal(s, sum[k], 3);
                Assert.Equal((float)m, max[k]);
                Assert.Equal(best, arg[k]);
                Assert.Equal(m + Math.Log(e), lse[k], 4);
                for (int j = 0; j < size; j++)
                {
                    int f = (((o * size) + j) * inner) + i;
                    Assert.Equal(Math.Exp(x[f] - m) / e, soft[f], 5);
                    Assert.Equal(x[f] - m - Math.Log(e), logSoft[f], 4);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ExpandIsTheAdjointOfSum(int axis)
    {
        var x = Tensor.FromArray(ElementwiseKernelTests.Signed(60, 3), 3, 4, 5);
        var shape = x.Shape.Where((_, i) => i != axis).ToArray();
        var g = Tensor.FromArray(ElementwiseKernelTests.Signed(60 / x.Shape[axis], 4), shape);
        var sum = Tensor.Empty(shape);
        var expanded = Tensor.Empty(3, 4, 5);
        ReductionKernels.Sum(x, axis, sum);
        ReductionKernels.Expand(g, axis, expanded);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < g.Length; i++)
        {
            lhs += sum[i] * g[i];
        }

        for (int i = 0; i < x.Length; i++)
        {
            rhs += x[i] * expanded[i];
        }

        Assert.Equal(lhs, rhs, 4);
    }

    [Fact]
    public void ScatterIsTheAdjointOfGather()
    {
        var split = new AxisSplit(2, 3, 4);
        var x = ElementwiseKernelTests.Signed(24, 1);
        var g = ElementwiseKernelTests.Signed(8, 2);
        var idx = new[] { 0, 1, 2, 0, 2, 2, 1, 0 };
        var gathered = new float[8];
        var scattered = new float[24];
        ReductionKernels.Gather(x, idx, split, gathered);
        ReductionKernels.Scatter(g, idx, split, scattered);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < 8; i++)
        {
            lhs += gathered[i] * g[i];
        }

        for (int i = 0; i < 24; i++)
        {
            rhs += x[i] * scattered[i];
        }

        Assert.Equal(lhs, rhs, 5);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 10)]
    [InlineData(7, 33)]
    [InlineData(3, 70)]
    public void ArgMaxRowsEqualsReferenceIncludingTies(int rows, int cols)
    {
        var x = ElementwiseKernelTests.Signed(rows * cols, (ulong)(rows + cols));
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Round(x[i]);
        }

        var expected = new int[rows];
        var actual = new int[rows];
        ElementwiseReference.ArgMaxRows(x, rows, cols, expected);
        ReductionKernels.ArgMaxRows(x, rows, cols, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(expected, ReductionKernels.ArgMaxRows(Tensor.FromArray(x, rows, cols)));
    }

    [Fact]
    public void ArgMaxRowsRejectsNonMatrices()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReductionKernels.ArgMaxRows(Tensor.Zeros(2, 3, 4)));
        Assert.Contains("(2, 3, 4)", ex.Message, StringComparison.Ordinal);
    }
}
