using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Unfolds images into convolution columns and folds column gradients back (the adjoint).</summary>
/// <remarks>
/// Buffers, for a chunk of B images starting at image n0 (see <see cref="Conv2dGeometry"/> for the short names):
/// x, dx: <c>(N, C, H, W)</c>; cols: <c>(C·kh·kw, B·Ho·Wo)</c>, row r = (c·kh + i)·kw + j holds, in column
/// b·Ho·Wo + oh·Wo + ow, the input pixel x[n0 + b, c, oh·sh − ph + i, ow·sw − pw + j] or 0 where that lies
/// in the padding.
/// </remarks>
internal static class Im2Col
{
    /// <summary>cols = unfold(x[n0 .. n0 + count)).</summary>
    public static void Unfold(ReadOnlySpan<float> x, int n0, int count, Span<float> cols, in Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int ld = count * p;
        int inPlane = g.InPlane;
        int image = g.Channels * inPlane;
        for (int c = 0; c < g.Channels; c++)
        {
            for (int i = 0; i < g.KernelH; i++)
            {
                for (int j = 0; j < g.KernelW; j++)
                {
                    int r = (((c * g.KernelH) + i) * g.KernelW) + j;
                    ValidRange(g.PadW - j, g.Width, g.StrideW, g.OutW, out int lo, out int hi);
                    for (int b = 0; b < count; b++)
                    {
                        var src = x.Slice(((n0 + b) * image) + (c * inPlane), inPlane);
                        var dst = cols.Slice((r * ld) + (b * p), p);
                        for (int oh = 0; oh < g.OutH; oh++)
                        {
                            var row = dst.Slice(oh * g.OutW, g.OutW);
                            int ih = (oh * g.StrideH) - g.PadH + i;
                            if ((uint)ih >= (uint)g.Height || lo >= hi)
                            {
                                row.Clear();
                                continue;
                            }

                            row[..lo].Clear();
                            row[hi..].Clear();
                            var srcRow = src.Slice(ih * g.Width, g.Width);
                            int iw0 = (lo * g.StrideW) - g.PadW + j;
                            if (g.StrideW == 1)
                            {
                                srcRow.Slice(iw0, hi - lo).CopyTo(row[lo..hi]);
                            }
                            else
                            {
                                for (int ow = lo, iw = iw0; ow < hi; ow++, iw += g.StrideW)
                                {
                                    row[ow] = srcRow[iw];
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
        for (int b = 0; b < count; b++)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                var dst = dx.Slice(((n0 + b) * image) + (c * inPlane), inPlane);
                for (int i = 0; i < g.KernelH; i++)
                {
                    for (int j = 0; j < g.KernelW; j++)
                    {
                        int r = (((c * g.KernelH) + i) * g.KernelW) + j;
                        ValidRange(g.PadW - j, g.Width, g.StrideW, g.OutW, out int lo, out int hi);
                        if (lo >= hi)
                        {
                            continue;
                        }

                        var src = cols.Slice((r * ld) + (b * p), p);
                        for (int oh = 0; oh < g.OutH; oh++)
                        {
                            int ih = (oh * g.StrideH) - g.PadH + i;
                            if ((uint)ih >= (uint)g.Height)
                            {
                                continue;
                            }

                            var srcRow = src.Slice(oh * g.OutW, g.OutW);
                            var dstRow = dst.Slice(ih * g.Width, g.Width);
                            int iw0 = (lo * g.StrideW) - g.PadW + j;
                            if (g.StrideW == 1)
                            {
                                var d = dstRow.Slice(iw0, hi - lo);
                                TensorPrimitives.Add(d, srcRow[lo..hi], d);
                            }
                            else
                            {
                                for (int ow = lo, iw = iw0; ow < hi; ow++, iw += g.StrideW)
                                {
                                    dstRow[iw] += srcRow[ow];
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
}
