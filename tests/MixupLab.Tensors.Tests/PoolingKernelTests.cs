using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

public class PoolingKernelTests
{
    // (kh, kw, sh, sw, ph, pw): the 2×2 stride-2 fast path and general windows.
    public static TheoryData<int[]> Windows => new()
    {
        new[] { 2, 2, 2, 2, 0, 0 },
        new[] { 3, 3, 2, 2, 1, 1 },
        new[] { 2, 3, 1, 2, 1, 0 },
        new[] { 3, 3, 3, 3, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void MaxPoolingWithTiesMatchesAFirstMaximumLoop(int[] k)
    {
        var g = new Conv2dGeometry(2, 3, 7, 8, 3, k[0], k[1], k[2], k[3], k[4], k[5]);
        var rng = new RandomSource(5);
        var x = Tensor.Empty(g.InputShape);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextInt(4); // many ties
        }

        var dy = Tensor.Empty(g.OutputShape);
        rng.FillUniform(dy.Span, -1, 1);
        var y = Tensor.Empty(g.OutputShape);
        var dx = Tensor.Empty(g.InputShape);
        PoolingKernels.MaxForward(x.Data, y.Data, g);
        PoolingKernels.MaxBackward(x.Data, dy.Data, dx.Data, g);

        var dxRef = new float[x.Length];
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        {
            for (int oh = 0; oh < g.OutH; oh++)
            {
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    int best = -1;
                    for (int a = 0; a < g.KernelH; a++)
                    {
                        for (int b = 0; b < g.KernelW; b++)
                        {
                            int ih = (oh * g.StrideH) - g.PadH + a;
                            int iw = (ow * g.StrideW) - g.PadW + b;
                            int idx = (plane * g.InPlane) + (ih * g.Width) + iw;
                            if (ih >= 0 && ih < g.Height && iw >= 0 && iw < g.Width && (best < 0 || x[idx] > x[best]))
                            {
                                best = idx;
                            }
                        }
                    }

                    int o = (plane * g.OutPlane) + (oh * g.OutW) + ow;
                    Assert.Equal(x[best], y[o]);
                    dxRef[best] += dy[o];
                }
            }
        }

        Assert.Equal(dxRef, dx.ToArray());
    }

    [Fact]
    public void MaxPoolingPropagatesNaN()
    {
        var g = new Conv2dGeometry(1, 1, 2, 4, 1, 2, 2, 2, 2, 0, 0);
        var x = Tensor.FromArray([1, float.NaN, 5, 6, 2, 3, 7, 8], 1, 1, 2, 4);
        var y = Tensor.Empty(g.OutputShape);
        PoolingKernels.MaxForward(x.Data, y.Data, g);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(8f, y[1]);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void AveragePoolingMatchesALoopThatCountsPadding(int[] k)
    {
        var g = new Conv2dGeometry(2, 2, 6, 7, 2, k[0], k[1], k[2], k[3], k[4], k[5]);
        var x = Tensor.Empty(g.InputShape);
        new RandomSource(6).FillUniform(x.Span, -1, 1);
        var y = Tensor.Empty(g.OutputShape);
        PoolingKernels.AvgForward(x.Data, y.Data, g);
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        {
            for (int oh = 0; oh < g.OutH; oh++)
            {
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    double sum = 0;
                    for (int a = 0; a < g.KernelH; a++)
                    {
                        for (int b = 0; b < g.KernelW; b++)
                        {
                            int ih = (oh * g.StrideH) - g.PadH + a;
                            int iw = (ow * g.StrideW) - g.PadW + b;
                            if (ih >= 0 && ih < g.Height && iw >= 0 && iw < g.Width)
                            {
                                sum += x[(plane * g.InPlane) + (ih * g.Width) + iw];
                            }
                        }
                    }

                    Assert.Equal(sum / (g.KernelH * g.KernelW), y[(plane * g.OutPlane) + (oh * g.OutW) + ow], 1e-5);
                }
            }
        }
    }
}
