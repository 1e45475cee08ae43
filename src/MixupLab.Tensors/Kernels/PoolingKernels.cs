using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Max, average and global average pooling over <c>(N, C, H, W)</c> batches, forward and backward.</summary>
/// <remarks>
/// Buffers (short names from <see cref="Conv2dGeometry"/>, whose OutChannels equals C here):
/// x, dx: input and its gradient <c>(N, C, H, W)</c>; y, dy: output and its gradient <c>(N, C, Ho, Wo)</c>;
/// for global pooling y, dy are <c>(N, C)</c>. Windows that reach into the padding: max pooling ignores the
/// padded positions (as padding with −∞); average pooling counts them as zeros and always divides by kh·kw
/// (PyTorch's count_include_pad=True). Max pooling's backward recomputes each window's first maximum in
/// row-major order (PyTorch's tie rule) from x instead of storing indices. Planes (n, c) run in parallel.
/// </remarks>
public static class PoolingKernels
{
    /// <summary>y[n, c, oh, ow] = max over the window of x.</summary>
    public static void MaxForward(float[] x, float[] y, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ForEachPlane(g, plane =>
        {
            var src = x.AsSpan(plane * g.InPlane, g.InPlane);
            var dst = y.AsSpan(plane * g.OutPlane, g.OutPlane);
            bool pairs = IsTwoByTwo(g);
            for (int oh = 0; oh < g.OutH; oh++)
            {
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    dst[(oh * g.OutW) + ow] = src[pairs ? ArgMaxTwoByTwo(src, oh, ow, g.Width) : ArgMax(src, oh, ow, g)];
                }
            }
        });
    }

    /// <summary>dx = scatter of dy to each window's (first) maximum, summed where windows overlap.</summary>
    public static void MaxBackward(float[] x, float[] dy, float[] dx, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        ForEachPlane(g, plane =>
        {
            var src = x.AsSpan(plane * g.InPlane, g.InPlane);
            var grad = dy.AsSpan(plane * g.OutPlane, g.OutPlane);
            var dst = dx.AsSpan(plane * g.InPlane, g.InPlane);
            dst.Clear();
            bool pairs = IsTwoByTwo(g);
            for (int oh = 0; oh < g.OutH; oh++)
            {
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    dst[pairs ? ArgMaxTwoByTwo(src, oh, ow, g.Width) : ArgMax(src, oh, ow, g)] += grad[(oh * g.OutW) + ow];
                }
            }
        });
    }

    /// <summary>y[n, c, oh, ow] = (Σ over the window of x, padding as 0) / (kh·kw).</summary>
    public static void AvgForward(float[] x, float[] y, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        float scale = 1f / (g.KernelH * g.KernelW);
        ForEachPlane(g, plane =>
        {
            var src = x.AsSpan(plane * g.InPlane, g.InPlane);
            var dst = y.AsSpan(plane * g.OutPlane, g.OutPlane);
            for (int oh = 0; oh < g.OutH; oh++)
            {
                Window(oh, g.StrideH, g.PadH, g.KernelH, g.Height, out int h0, out int h1);
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    Window(ow, g.StrideW, g.PadW, g.KernelW, g.Width, out int w0, out int w1);
                    float sum = 0f;
                    for (int ih = h0; ih < h1; ih++)
                    {
                        for (int iw = w0; iw < w1; iw++)
                        {
                            sum += src[(ih * g.Width) + iw];
                        }
                    }

                    dst[(oh * g.OutW) + ow] = sum * scale;
                }
            }
        });
    }

    /// <summary>dx[n, c, ih, iw] = Σ over the windows containing (ih, iw) of dy / (kh·kw).</summary>
    public static void AvgBackward(float[] dy, float[] dx, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        float scale = 1f / (g.KernelH * g.KernelW);
        ForEachPlane(g, plane =>
        {
            var grad = dy.AsSpan(plane * g.OutPlane, g.OutPlane);
            var dst = dx.AsSpan(plane * g.InPlane, g.InPlane);
            dst.Clear();
            for (int oh = 0; oh < g.OutH; oh++)
            {
                Window(oh, g.StrideH, g.PadH, g.KernelH, g.Height, out int h0, out int h1);
                for (int ow = 0; ow < g.OutW; ow++)
                {
                    Window(ow, g.StrideW, g.PadW, g.KernelW, g.Width, out int w0, out int w1);
                    float v = grad[(oh * g.OutW) + ow] * scale;
                    for (int ih = h0; ih < h1; ih++)
                    {
                        for (int iw = w0; iw < w1; iw++)
                        {
                            dst[(ih * g.Width) + iw] += v;
                        }
                    }
                }
            }
        });
    }

    /// <summary>y[n, c] = mean of the plane x[n, c, :, :].</summary>
    /// <param name="x">Input <c>(planes, plane)</c>, i.e. <c>(N·C, H·W)</c>.</param>
    /// <param name="y">Output <c>(N·C)</c>.</param>
    /// <param name="planes">N·C.</param>
    /// <param name="plane">H·W.</param>
    public static void GlobalAvgForward(ReadOnlySpan<float> x, Span<float> y, int planes, int plane)
    {
        float scale = 1f / plane;
        for (int i = 0; i < planes; i++)
        {
            y[i] = TensorPrimitives.Sum(x.Slice(i * plane, plane)) * scale;
        }
    }

    /// <summary>dx[n, c, :, :] = dy[n, c] / (H·W): the adjoint of <see cref="GlobalAvgForward"/>.</summary>
    /// <param name="dy">Gradient <c>(N·C)</c>.</param>
    /// <param name="dx">Output <c>(N·C, H·W)</c>.</param>
    /// <param name="planes">N·C.</param>
    /// <param name="plane">H·W.</param>
    public static void GlobalAvgBackward(ReadOnlySpan<float> dy, Span<float> dx, int planes, int plane)
    {
        float scale = 1f / plane;
        for (int i = 0; i < planes; i++)
        {
            dx.Slice(i * plane, plane).Fill(dy[i] * scale);
        }
    }

    private static bool IsTwoByTwo(in Conv2dGeometry g) =>
        g.KernelH == 2 && g.KernelW == 2 && g.StrideH == 2 && g.StrideW == 2 && g.PadH == 0 && g.PadW == 0;

    /// <summary><see cref="ArgMax"/> for the common 2×2, stride-2, unpadded window, with the same tie and NaN rule.</summary>
    private static int ArgMaxTwoByTwo(ReadOnlySpan<float> src, int oh, int ow, int width)
    {
        int best = (2 * oh * width) + (2 * ow);
        float max = src[best];
        if (float.IsNaN(max))
        {
            return best;
        }

        int candidate = best + 1;
        float v = src[candidate];
        if (v > max || float.IsNaN(v))
        {
            if (float.IsNaN(v))
            {
                return candidate;
            }

            max = v;
            best = candidate;
        }

        candidate = (2 * oh * width) + (2 * ow) + width;
        v = src[candidate];
        if (v > max || float.IsNaN(v))
        {
            if (float.IsNaN(v))
            {
                return candidate;
            }

            max = v;
            best = candidate;
        }

        v = src[candidate + 1];
        return v > max || float.IsNaN(v) ? candidate + 1 : best;
    }

    private static int ArgMax(ReadOnlySpan<float> src, int oh, int ow, in Conv2dGeometry g)
    {
        Window(oh, g.StrideH, g.PadH, g.KernelH, g.Height, out int h0, out int h1);
        Window(ow, g.StrideW, g.PadW, g.KernelW, g.Width, out int w0, out int w1);
        int best = (h0 * g.Width) + w0;
        float max = src[best];
        for (int ih = h0; ih < h1; ih++)
        {
            for (int iw = w0; iw < w1; iw++)
            {
                float v = src[(ih * g.Width) + iw];
                if (v > max || float.IsNaN(v))
                {
                    max = v;
                    best = (ih * g.Width) + iw;
                    if (float.IsNaN(v))
                    {
                        return best;
                    }
                }
            }
        }

        return best;
    }

    /// <summary>The input rows [lo, hi) of window <paramref name="o"/>, clipped to the unpadded input.</summary>
    private static void Window(int o, int stride, int pad, int kernel, int size, out int lo, out int hi)
    {
        int start = (o * stride) - pad;
        lo = Math.Max(start, 0);
        hi = Math.Min(start + kernel, size);
    }

    private static void ForEachPlane(Conv2dGeometry g, Action<int> plane)
    {
        int planes = g.Batch * g.Channels;
        int chunks = Math.Min(planes, Engine.Threads * 4);
        Engine.ParallelFor(chunks, ch =>
        {
            int end = (ch + 1) * planes / chunks;
            for (int i = ch * planes / chunks; i < end; i++)
            {
                plane(i);
            }
        });
    }
}
