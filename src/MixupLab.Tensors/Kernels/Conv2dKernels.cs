using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>2-D convolution (cross-correlation, as in PyTorch) forward and backward by im2col and GEMM.</summary>
/// <remarks>
/// Buffers (short names from <see cref="Conv2dGeometry"/>; P = Ho·Wo, K = C·kh·kw):
/// x, dx: input and its gradient <c>(N, C, H, W)</c>; w, dw: weight and its gradient <c>(O, C, kh, kw)</c> = <c>(O, K)</c>;
/// bias, db: <c>(O)</c>; y, dy: output and its gradient <c>(N, O, Ho, Wo)</c>.
/// The batch is cut into chunks of B images (B depends on the sizes only): cols <c>(K, B·P)</c> is the
/// im2col of a chunk, yT / dyT <c>(O, B·P)</c> its output / output gradient with the chunk's images side by side.
/// Forward: yT = w · cols (+ bias). Backward: dw = Σ_chunks dyT · colsᵀ (computed as its transpose
/// cols · dyTᵀ when K &lt; O), dcols = wᵀ · dyT folded back into dx,
/// db = Σ_{n,p} dy. A 1×1, stride-1, unpadded convolution of one image per chunk uses x itself as cols.
/// Chunks run in parallel; the weight gradient is summed per fixed group of chunks and the groups are added
/// in a fixed order, so the bits do not depend on the thread count.
/// </remarks>
public static class Conv2dKernels
{
    /// <summary>Columns per chunk the batching aims at, so that each GEMM has a wide enough right-hand side.</summary>
    internal const int TargetColumns = 512;

    /// <summary>Upper bound on the elements of one cols buffer.</summary>
    internal const int MaxColsElements = 1 << 22;

    /// <summary>Groups of chunks whose weight gradients are summed separately, then added in order.</summary>
    internal const int WeightGradientGroups = 4;

    /// <summary>y = conv(x, w) + bias.</summary>
    /// <param name="x">Input <c>(N, C, H, W)</c>.</param>
    /// <param name="w">Weight <c>(O, C, kh, kw)</c>.</param>
    /// <param name="bias">Bias <c>(O)</c>, or null.</param>
    /// <param name="y">Output <c>(N, O, Ho, Wo)</c>, overwritten.</param>
    /// <param name="g">The sizes.</param>
    public static void Forward(float[] x, float[] w, float[]? bias, float[] y, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(y);
        CheckLengths(x, w, bias, y, g);
        int batch = ChunkImages(g);
        int chunks = (g.Batch + batch - 1) / batch;
        Engine.ParallelFor(chunks, ch =>
        {
            int n0 = ch * batch;
            int count = Math.Min(batch, g.Batch - n0);
            ForwardChunk(x, w, bias, y, n0, count, g);
        });
    }

    /// <summary>The gradients of <see cref="Forward"/>: dx = convᵀ(dy, w), dw = Σ dy ⋆ x, db = Σ dy.</summary>
    /// <param name="x">Input <c>(N, C, H, W)</c> (needed for dw only).</param>
    /// <param name="w">Weight <c>(O, C, kh, kw)</c> (needed for dx only).</param>
    /// <param name="dy">Output gradient <c>(N, O, Ho, Wo)</c>.</param>
    /// <param name="dx">Input gradient <c>(N, C, H, W)</c>, overwritten; null to skip.</param>
    /// <param name="dw">Weight gradient <c>(O, C, kh, kw)</c>, overwritten; null to skip.</param>
    /// <param name="db">Bias gradient <c>(O)</c>, overwritten; null to skip.</param>
    /// <param name="g">The sizes.</param>
    public static void Backward(float[] x, float[] w, float[] dy, float[]? dx, float[]? dw, float[]? db, Conv2dGeometry g)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(dy);
        CheckLengths(x, w, null, dy, g);
        if (db is not null)
        {
            BiasGradient(dy, db, g);
        }

        if (dx is null && dw is null)
        {
            return;
        }

        int batch = ChunkImages(g);
        int chunks = (g.Batch + batch - 1) / batch;
        int groups = Math.Min(chunks, WeightGradientGroups);
        if (dw is not null && groups == 0)
        {
            dw.AsSpan(0, g.OutChannels * g.Patch).Clear();
        }

        // A narrow patch (first layers: K = 9 or 27 < O) makes dw = dyT·colsᵀ a GEMM with a few columns, which
        // wastes most of each register tile; its transpose dwᵀ = cols·dyTᵀ has K rows and O columns instead.
        bool transposed = g.Patch < g.OutChannels;
        var partials = new float[]?[groups];
        int wLength = g.OutChannels * g.Patch;
        for (int i = transposed ? 0 : 1; i < groups && dw is not null; i++)
        {
            partials[i] = TensorPool.Shared.Rent(wLength);
        }

        try
        {
            Engine.ParallelFor(groups, grp =>
            {
                int first = grp * chunks / groups;
                int end = (grp + 1) * chunks / groups;
                var dwPart = dw is null ? null : grp == 0 && !transposed ? dw : partials[grp];
                for (int ch = first; ch < end; ch++)
                {
                    int n0 = ch * batch;
                    int count = Math.Min(batch, g.Batch - n0);
                    BackwardChunk(x, w, dy, dx, dwPart, transposed, accumulate: ch > first, n0, count, g);
                }
            });

            if (dw is not null && transposed)
            {
                SumTransposed(partials, groups, dw, g.Patch, g.OutChannels);
            }
            else if (dw is not null && groups > 1)
            {
                var total = dw.AsSpan(0, wLength);
                for (int i = 1; i < groups; i++)
                {
                    TensorPrimitives.Add(total, partials[i].AsSpan(0, wLength), total);
                }
            }
        }
        finally
        {
            foreach (var p in partials)
            {
                if (p is not null)
                {
                    TensorPool.Shared.Return(p);
                }
            }
        }
    }

    /// <summary>Images per chunk: enough for about <see cref="TargetColumns"/> GEMM columns, within the cols budget.</summary>
    internal static int ChunkImages(in Conv2dGeometry g)
    {
        int p = Math.Max(1, g.OutPlane);
        int images = Math.Max(1, (TargetColumns + p - 1) / p);
        images = Math.Min(images, Math.Max(1, MaxColsElements / Math.Max(1, g.Patch * p)));
        return Math.Max(1, Math.Min(images, g.Batch));
    }

    private static bool IsDirect(in Conv2dGeometry g, int count) =>
        count == 1 && g.KernelH == 1 && g.KernelW == 1 && g.StrideH == 1 && g.StrideW == 1 && g.PadH == 0 && g.PadW == 0;

    private static void ForwardChunk(float[] x, float[] w, float[]? bias, float[] y, int n0, int count, in Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int k = g.Patch;
        int o = g.OutChannels;
        int cols = count * p;
        float[]? colsBuffer = null;
        float[]? outBuffer = null;
        try
        {
            ReadOnlySpan<float> b;
            if (IsDirect(g, count))
            {
                b = x.AsSpan(n0 * k * p, k * p);
            }
            else
            {
                colsBuffer = TensorPool.Shared.Rent(k * cols);
                Im2Col.Unfold(x, n0, count, colsBuffer, g);
                b = colsBuffer.AsSpan(0, k * cols);
            }

            if (count == 1)
            {
                var dst = y.AsSpan(n0 * o * p, o * p);
                Multiply(w.AsSpan(0, o * k), b, dst, o, p, k);
                if (bias is not null)
                {
                    for (int oc = 0; oc < o; oc++)
                    {
                        var row = dst.Slice(oc * p, p);
                        TensorPrimitives.Add(row, bias[oc], row);
                    }
                }

                return;
            }

            outBuffer = TensorPool.Shared.Rent(o * cols);
            Multiply(w.AsSpan(0, o * k), b, outBuffer.AsSpan(0, o * cols), o, cols, k);
            for (int img = 0; img < count; img++)
            {
                var dst = y.AsSpan((n0 + img) * o * p, o * p);
                for (int oc = 0; oc < o; oc++)
                {
                    var src = outBuffer.AsSpan((oc * cols) + (img * p), p);
                    var row = dst.Slice(oc * p, p);
                    if (bias is null)
                    {
                        src.CopyTo(row);
                    }
                    else
                    {
                        TensorPrimitives.Add(src, bias[oc], row);
                    }
                }
            }
        }
        finally
        {
            if (colsBuffer is not null)
            {
                TensorPool.Shared.Return(colsBuffer);
            }

            if (outBuffer is not null)
            {
                TensorPool.Shared.Return(outBuffer);
            }
        }
    }

    /// <summary>dw[o, r] = Σ_groups partial[r, o], the groups added in order.</summary>
    private static void SumTransposed(float[]?[] partials, int groups, float[] dw, int k, int o)
    {
        for (int oc = 0; oc < o; oc++)
        {
            for (int r = 0; r < k; r++)
            {
                float sum = partials[0]![(r * o) + oc];
                for (int i = 1; i < groups; i++)
                {
                    sum += partials[i]![(r * o) + oc];
                }

                dw[(oc * k) + r] = sum;
            }
        }
    }

    private static void BackwardChunk(float[] x, float[] w, float[] dy, float[]? dx, float[]? dw, bool transposedDw, bool accumulate, int n0, int count, in Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int k = g.Patch;
        int o = g.OutChannels;
        int cols = count * p;
        bool direct = IsDirect(g, count);
        float[]? colsBuffer = null;
        float[]? dyBuffer = null;
        try
        {
            ReadOnlySpan<float> dyT;
            if (count == 1)
            {
                dyT = dy.AsSpan(n0 * o * p, o * p);
            }
            else
            {
                dyBuffer = TensorPool.Shared.Rent(o * cols);
                for (int img = 0; img < count; img++)
                {
                    for (int oc = 0; oc < o; oc++)
                    {
                        dy.AsSpan(((n0 + img) * o * p) + (oc * p), p).CopyTo(dyBuffer.AsSpan((oc * cols) + (img * p), p));
                    }
                }

                dyT = dyBuffer.AsSpan(0, o * cols);
            }

            if (!direct)
            {
                colsBuffer = TensorPool.Shared.Rent(k * cols);
            }

            if (dw is not null)
            {
                ReadOnlySpan<float> colsSpan;
                if (direct)
                {
                    colsSpan = x.AsSpan(n0 * k * p, k * p);
                }
                else
                {
                    Im2Col.Unfold(x, n0, count, colsBuffer, g);
                    colsSpan = colsBuffer.AsSpan(0, k * cols);
                }

                if (transposedDw)
                {
                    Multiply(colsSpan, dyT, dw.AsSpan(0, o * k), k, o, cols, transposeB: true, beta: accumulate ? 1f : 0f);
                }
                else
                {
                    Multiply(dyT, colsSpan, dw.AsSpan(0, o * k), o, k, cols, transposeB: true, beta: accumulate ? 1f : 0f);
                }
            }

            if (dx is not null)
            {
                if (direct)
                {
                    Multiply(w.AsSpan(0, o * k), dyT, dx.AsSpan(n0 * k * p, k * p), k, p, o, transposeA: true);
                }
                else
                {
                    var dcols = colsBuffer.AsSpan(0, k * cols);
                    Multiply(w.AsSpan(0, o * k), dyT, dcols, k, cols, o, transposeA: true);
                    int image = g.Channels * g.InPlane;
                    dx.AsSpan(n0 * image, count * image).Clear();
                    Im2Col.FoldAdd(dcols, n0, count, dx, g);
                }
            }
        }
        finally
        {
            if (colsBuffer is not null)
            {
                TensorPool.Shared.Return(colsBuffer);
            }

            if (dyBuffer is not null)
            {
                TensorPool.Shared.Return(dyBuffer);
            }
        }
    }

    /// <summary><see cref="Gemm.Multiply"/>, which is single-threaded inside a parallel chunk (the chunks already
    /// occupy the threads) and multi-threaded when the convolution runs as one chunk. Same bits either way.</summary>
    private static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, float beta = 0f) =>
        Gemm.Multiply(a, b, c, m, n, k, transposeA, transposeB, 1f, beta);

    private static void BiasGradient(float[] dy, float[] db, Conv2dGeometry g)
    {
        int p = g.OutPlane;
        int o = g.OutChannels;
        for (int oc = 0; oc < o; oc++)
        {
            float sum = 0f;
            for (int n = 0; n < g.Batch; n++)
            {
                sum += TensorPrimitives.Sum(dy.AsSpan(((n * o) + oc) * p, p));
            }

            db[oc] = sum;
        }
    }

    private static void CheckLengths(float[] x, float[] w, float[]? bias, float[] y, in Conv2dGeometry g)
    {
        long xLength = (long)g.Batch * g.Channels * g.InPlane;
        long yLength = (long)g.Batch * g.OutChannels * g.OutPlane;
        long wLength = (long)g.OutChannels * g.Patch;
        if (x.Length < xLength || w.Length < wLength || y.Length < yLength || (bias is not null && bias.Length < g.OutChannels))
        {
            throw new ArgumentException(
                $"Convolution buffers too small for input {ShapeHelper.Format(g.InputShape)}, weight {ShapeHelper.Format(g.WeightShape)}, output {ShapeHelper.Format(g.OutputShape)}: x has {x.Length}, w {w.Length}, y {y.Length}.");
        }
    }
}
