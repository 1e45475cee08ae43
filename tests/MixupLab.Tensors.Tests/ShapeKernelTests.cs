using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

public class ShapeKernelTests
{
    public static TheoryData<int[], int[]> Permutations => new()
    {
        { new[] { 2, 3 }, new[] { 1, 0 } },
        { new[] { 2, 3, 4 }, new[] { 0, 2, 1 } },
        { new[] { 2, 3, 4 }, new[] { 1, 0, 2 } },
        { new[] { 2, 3, 4, 5 }, new[] { 3, 1, 0, 2 } },
        { new[] { 3, 0, 2 }, new[] { 2, 1, 0 } },
    };

    [Theory]
    [MemberData(nameof(Permutations))]
    public void PermuteMatchesIndexArithmetic(int[] shape, int[] perm)
    {
        int n = ShapeHelper.Product(shape);
        var x = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        var d = new float[n];
        ShapeKernels.Permute(x, shape, perm, d);
        var outShape = perm.Select(p => shape[p]).ToArray();
        var inStrides = ShapeHelper.Strides(shape);
        var outStrides = ShapeHelper.Strides(outShape);
        for (int f = 0; f < n; f++)
        {
            int src = 0, rem = f;
            for (int a = 0; a < outShape.Length; a++)
            {
                int idx = rem / outStrides[a];
                rem %= outStrides[a];
                src += idx * inStrides[perm[a]];
            }

            Assert.Equal(x[src], d[f]);
        }
    }

    [Fact]
    public void GatherAndScatterAddRows()
    {
        var x = new float[] { 1, 2, 3, 4, 5, 6 };
        var d = new float[6];
        ShapeKernels.GatherRows(x, 2, [2, 2, 0], d);
        Assert.Equal([5f, 6f, 5f, 6f, 1f, 2f], d);
        var acc = new float[6];
        ShapeKernels.ScatterAddRows(d, 2, [2, 2, 0], acc);
        Assert.Equal([1f, 2f, 0f, 0f, 10f, 12f], acc);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeKernels.GatherRows(x, 2, [3], d));
    }
}
