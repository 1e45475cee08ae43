using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

/// <summary>Direct-loop convolution in double: the definition the im2col/GEMM kernels are compared with.</summary>
internal static class NaiveConvolution
{
    public static Tensor Forward(Tensor x, Tensor w, Tensor? bias, Conv2dGeometry g)
    {
        var y = Tensor.Empty(g.OutputShape);
        for (int n = 0; n < g.Batch; n++)
        {
            for (int o = 0; o < g.OutChannels; o++)
            {
                for (int i = 0; i < g.OutH; i++)
                {
                    for (int j = 0; j < g.OutW; j++)
                    {
                        double sum = bias is null ? 0 : bias[o];
                        ForEachTap(g, i, j, (c, a, b, ih, iw) => sum += (double)w[o, c, a, b] * x[n, c, ih, iw]);
                        y[n, o, i, j] = (float)sum;
                    }
                }
            }
        }

        return y;
    }

    public static void Backward(Tensor x, Tensor w, Tensor dy, Conv2dGeometry g, out Tensor dx, out Tensor dw, out Tensor db)
    {
        var dxd = new double[x.Length];
        var dwd = new double[w.Length];
        var dbd = new double[g.OutChannels];
        for (int n = 0; n < g.Batch; n++)
        {
            for (int o = 0; o < g.OutChannels; o++)
            {
                for (int i = 0; i < g.OutH; i++)
                {
                    for (int j = 0; j < g.OutW; j++)
                    {
                        double gy = dy[n, o, i, j];
                        dbd[o] += gy;
                        ForEachTap(g, i, j, (c, a, b, ih, iw) =>
                        {
                            dxd[(((((n * g.Channels) + c) * g.Height) + ih) * g.Width) + iw] += gy * w[o, c, a, b];
                            dwd[(((((o * g.Channels) + c) * g.KernelH) + a) * g.KernelW) + b] += gy * x[n, c, ih, iw];
                        });
                    }
                }
            }
        }

        dx = Tensor.FromArray(dxd.Select(v => (float)v).ToArray(), g.InputShape);
        dw = Tensor.FromArray(dwd.Select(v => (float)v).ToArray(), g.WeightShape);
        db = Tensor.FromArray(dbd.Select(v => (float)v).ToArray(), g.OutChannels);
    }

    private static void ForEachTap(Conv2dGeometry g, int i, int j, Action<int, int, int, int, int> tap)
    {
        for (int c = 0; c < g.Channels; c++)
        {
            for (int a = 0; a < g.KernelH; a++)
            {
                for (int b = 0; b < g.KernelW; b++)
                {
                    int ih = (i * g.StrideH) - g.PadH + a;
                    int iw = (j * g.StrideW) - g.PadW + b;
                    if (ih >= 0 && ih < g.Height && iw >= 0 && iw < g.Width)
                    {
                        tap(c, a, b, ih, iw);
                    }
                }
            }
        }
    }
}
