using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixupLab.Tensors.Kernels;

/// <summary>Unfolds images into convolution columns and folds column gradients back (the adjoint).</summary>
/// <remarks>
/// Buffers, for a chunk of B images starting at image n0 (see <see cref="Conv2dGeometry"/> for the short names):
/// x, dx: <c>(N, C, H, W)</c>; cols: <c>(C·kh·kw, B·Ho·Wo)</c>, row r = (c·kh + i)·kw + j holds, in column
/// b·Ho·Wo + oh·Wo + ow, the input pixel x[n0 + b, c, oh·sh − ph + i, ow·sw − pw + j] or 0 where that lies
/// in the padding. Rows are short (Wo is 4 to 32 in the target models), so the copies are plain pointer
/// loops rather than span calls whose fixed cost would dominate.
/// </remarks>
internal static unsafe class Im2Col
{
    /// <summary>cols = unfold(x[n0 .. n0 + count)).</summary>
    public static void Unfold(ReadOnlySpan<float> x, int n0, int count, Span<float> cols, in Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int ld = count * p;
        int inPlane = g.InPlane;
        int image = g.Channels * inPlane;
        int outW = g.OutW;
        int sw = g.StrideW;
        if ((long)x.Length < (long)(n0 + count) * image || (long)cols.Length < (long)g.Patch * ld)
        {
            throw new ArgumentException("Im2Col.Unfold: buffers too small for the geometry.");
        }

        fixed (float* px = x, pc = cols)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                for (int i = 0; i < g.KernelH; i++)
                {
                    for (int j = 0; j < g.KernelW; j++)
                    {
                        int r = (((c * g.KernelH) + i) * g.KernelW) + j;
                        ValidRange(g.PadW - j, g.Width, sw, outW, out int lo, out int hi);
                        int iw0 = (lo * sw) - g.PadW + j;
                        for (int b = 0; b < count; b++)
                        {
                            float* src = px + ((n0 + b) * (long)image) + (c * inPlane);
                            float* dst = pc + (r * (long)ld) + (b * p);
                            for (int oh = 0; oh < g.OutH; oh++, dst += outW)
                            {
                                int ih = (oh * g.StrideH) - g.PadH + i;
                                if ((uint)ih >= (uint)g.Height || lo >= hi)
                                {
                                    Zero(dst, outW);
                                    continue;
                                }

                                Zero(dst, lo);
                                Zero(dst + hi, outW - hi);
                                float* s = src + (ih * g.Width) + iw0;
                                if (sw == 1)
                                {
                                    Copy(s, dst + lo, hi - lo);
                                }
                                else
                                {
                                    for (int ow = lo; ow < hi; ow++, s += sw)
                                    {
                                        dst[ow] = *s;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>dx[n0 .. n0 + count) += fold(cols): the adjoint of <see cref="Unfold"/>.</summary>
    public static void FoldAdd(ReadOnlySpan<float> cols, int n0, int count, Span<float> dx, in Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int ld = count * p;
        int inPlane = g.InPlane;
        int image = g.Channels * inPlane;
        int outW = g.OutW;
        int sw = g.StrideW;
        if ((long)dx.Length < (long)(n0 + count) * image || (long)cols.Length < (long)g.Patch * ld)
        {
            throw new ArgumentException("Im2Col.FoldAdd: buffers too small for the geometry.");
        }

        fixed (float* pd = dx, pc = cols)
        {
            for (int b = 0; b < count; b++)
            {
                for (int c = 0; c < g.Channels; c++)
                {
                    float* dst = pd + ((n0 + b) * (long)image) + (c * inPlane);
                    for (int i = 0; i < g.KernelH; i++)
                    {
                        for (int j = 0; j < g.KernelW; j++)
                        {
                            int r = (((c * g.KernelH) + i) * g.KernelW) + j;
                            ValidRange(g.PadW - j, g.Width, sw, outW, out int lo, out int hi);
                            if (lo >= hi)
                            {
                                continue;
                            }

                            int iw0 = (lo * sw) - g.PadW + j;
                            float* src = pc + (r * (long)ld) + (b * p);
                            for (int oh = 0; oh < g.OutH; oh++, src += outW)
                            {
                                int ih = (oh * g.StrideH) - g.PadH + i;
                                if ((uint)ih >= (uint)g.Height)
                                {
                                    continue;
                                }

                                float* d = dst + (ih * g.Width) + iw0;
                                if (sw == 1)
                                {
                                    AddTo(src + lo, d, hi - lo);
                                }
                                else
                                {
                                    for (int ow = lo; ow < hi; ow++, d += sw)
                                    {
                                        *d += src[ow];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose input column ow·stride − offset lies in [0, width).</summary>
    private static void ValidRange(int offset, int width, int stride, int outWidth, out int lo, out int hi)
    {
        lo = offset <= 0 ? 0 : (offset + stride - 1) / stride;
        int last = width - 1 + offset;
        hi = last < 0 ? 0 : Math.Min(outWidth, (last / stride) + 1);
        lo = Math.Min(lo, outWidth);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero(float* dst, int n)
    {
        for (int k = 0; k < n; k++)
        {
            dst[k] = 0f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int n)
    {
        int k = 0;
        for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
        {
            Vector256.Store(Vector256.Load(src + k), dst + k);
        }

        for (; k < n; k++)
        {
            dst[k] = src[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* src, float* dst, int n)
    {
        int k = 0;
        for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
        {
            Vector256.Store(Vector256.Load(dst + k) + Vector256.Load(src + k), dst + k);
        }

        for (; k < n; k++)
        {
            dst[k] += src[k];
        }
    }
}
