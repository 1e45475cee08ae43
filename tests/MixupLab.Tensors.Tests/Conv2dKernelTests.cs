using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;
using MixupLab.Testing;

namespace MixupLab.Tensors.Tests;

public class Conv2dKernelTests
{
    // (N, C, H, W, O, kh, kw, sh, sw, ph, pw): odd sizes, strides, paddings, non-square kernels, 1×1 shortcuts,
    // and a batch large enough to be cut into several chunks and weight-gradient groups.
    public static TheoryData<int[]> Shapes => new()
    {
        new[] { 2, 3, 7, 5, 4, 3, 3, 1, 1, 1, 1 },
        new[] { 3, 2, 9, 8, 5, 3, 2, 2, 1, 1, 0 },
        new[] { 2, 5, 6, 7, 3, 1, 1, 1, 1, 0, 0 },
        new[] { 3, 4, 9, 9, 6, 1, 1, 2, 2, 0, 0 },
        new[] { 1, 3, 5, 5, 2, 5, 5, 1, 1, 2, 2 },
        new[] { 2, 2, 4, 4, 3, 3, 3, 3, 3, 1, 1 },
        new[] { 37, 3, 5, 5, 4, 3, 3, 2, 2, 1, 1 },
        new[] { 70, 2, 4, 3, 3, 2, 2, 1, 1, 0, 1 },
        // A patch K = C·kh·kw smaller than O takes the transposed weight-gradient GEMM; P > 512 gives one image per chunk.
        new[] { 9, 1, 23, 23, 12, 3, 3, 1, 1, 0, 0 },
        new[] { 3, 2, 24, 24, 8, 1, 1, 1, 1, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardAndBackwardMatchNaiveLoops(int[] s)
    {
        var g = new Conv2dGeometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10]);
        var x = GradCheck.Uniform(1, -1, 1, g.InputShape);
        var w = GradCheck.Uniform(2, -1, 1, g.WeightShape);
        var bias = GradCheck.Uniform(3, -1, 1, g.OutChannels);
        var dy = GradCheck.Uniform(4, -1, 1, g.OutputShape);

        var y = Tensor.Empty(g.OutputShape);
        Conv2dKernels.Forward(x.Data, w.Data, bias.Data, y.Data, g);
        GradCheck.AssertClose(NaiveConvolution.Forward(x, w, bias, g), y, 1e-4, 1e-5, "y");

        var dx = Tensor.Full(float.NaN, g.InputShape);
        var dw = Tensor.Full(float.NaN, g.WeightShape);
        var db = Tensor.Full(float.NaN, g.OutChannels);
        Conv2dKernels.Backward(x.Data, w.Data, dy.Data, dx.Data, dw.Data, db.Data, g);
        NaiveConvolution.Backward(x, w, dy, g, out var dxRef, out var dwRef, out var dbRef);
        GradCheck.AssertClose(dxRef, dx, 1e-4, 1e-5, "dx");
        GradCheck.AssertClose(dwRef, dw, 1e-4, 1e-4, "dw");
        GradCheck.AssertClose(dbRef, db, 1e-4, 1e-4, "db");
    }

    [Fact]
    public void ForwardWithoutBiasMatchesNaiveLoops()
    {
        var g = new Conv2dGeometry(3, 2, 6, 5, 3, 2, 3, 1, 2, 0, 1);
        var x = GradCheck.Uniform(5, -1, 1, g.InputShape);
        var w = GradCheck.Uniform(6, -1, 1, g.WeightShape);
        var y = Tensor.Empty(g.OutputShape);
        Conv2dKernels.Forward(x.Data, w.Data, null, y.Data, g);
        GradCheck.AssertClose(NaiveConvolution.Forward(x, w, null, g), y, 1e-4, 1e-5, "y");
    }

    // Several chunks and weight-gradient groups; a narrow patch (transposed dw); one chunk whose GEMMs are big
    // enough to be split over the threads.
    [Theory]
    [InlineData(40, 6, 10)]
    [InlineData(40, 1, 16)]
    [InlineData(8, 32, 64)]
    public void BackwardBitsDoNotDependOnTheThreadCount(int batch, int channels, int outChannels)
    {
        var g = new Conv2dGeometry(batch, channels, 8, 8, outChannels, 3, 3, 1, 1, 1, 1);
        var x = GradCheck.Uniform(7, -1, 1, g.InputShape);
        var w = GradCheck.Uniform(8, -1, 1, g.WeightShape);
        var dy = GradCheck.Uniform(9, -1, 1, g.OutputShape);
        int saved = Engine.Threads;
        try
        {
            float[][] Run(int threads)
            {
                Engine.Threads = threads;
                var dx = new float[x.Length];
                var dw = new float[w.Length];
                var db = new float[g.OutChannels];
                var y = new float[dy.Length];
                Conv2dKernels.Forward(x.Data, w.Data, null, y, g);
                Conv2dKernels.Backward(x.Data, w.Data, dy.Data, dx, dw, db, g);
                return [y, dx, dw, db];
            }

            var one = Run(1);
            var two = Run(2);
            var three = Run(3);
            for (int i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i], two[i]);
                Assert.Equal(one[i], three[i]);
            }
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [Fact]
    public void GeometryRejectsAWindowLargerThanThePaddedInput()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 1, 2, 2, 1, 5, 5, 1, 1, 1, 1));
        Assert.Contains("(5, 5)", e.Message);
        Assert.Contains("(4, 4)", e.Message);
    }
}
