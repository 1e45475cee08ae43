namespace MixupLab.Tensors.Kernels;

/// <summary>Single-precision matrix multiplication C = alpha·op(A)·op(B) + beta·C on contiguous row-major matrices.</summary>
/// <remarks>
/// op(A) is m×k: A is stored m×k, or k×m when transposeA is set; op(B) is k×n: B is
/// stored k×n, or n×k when transposed; C is m×n. This is the entry point every layer uses.
/// <para>Implementation: Goto/BLIS blocking (<see cref="GemmDriver"/>): A and B are packed into
/// MR-row / NR-column panels in per-thread buffers and multiplied by a register-blocked micro-kernel
/// (AVX-512 12×32, AVX2 6×16, or scalar 4×4). Large problems are split over row or column chunks of C
/// on up to <see cref="Engine.Threads"/> threads (one inside an <see cref="Engine.ParallelFor"/> body, whose
/// chunks already occupy the threads); the k loop is never split, so the result has the same
/// bits for every thread count. Thread-safe: concurrent calls share no mutable state. When alpha = 0
/// or k = 0, A and B are not read and C becomes beta·C (0 when beta = 0).</para>
/// </remarks>
public static class Gemm
{
    /// <summary>Below this many multiply-adds (m·n·k) a call stays on the calling thread.</summary>
    internal const long ParallelThreshold = 1L << 20;

    /// <summary>Least multiply-adds per parallel chunk.</summary>
    internal const long MinChunkWork = 1L << 19;

    /// <summary>Computes C = alpha·op(A)·op(B) + beta·C.</summary>
    /// <param name="a">A, m×k or (transposed) k×m, row-major.</param>
    /// <param name="b">B, k×n or (transposed) n×k, row-major.</param>
    /// <param name="c">C, m×n row-major; read only when <paramref name="beta"/> is not 0.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="transposeA">Whether A is stored transposed.</param>
    /// <param name="transposeB">Whether B is stored transposed.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the existing C (0 overwrites, NaNs in C included).</param>
    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
        => MultiplyWith(a, b, c, m, n, k, transposeA, transposeB, alpha, beta, GemmDriver.BestIsa, Engine.IsInsideParallelFor ? 1 : Engine.Threads);

    /// <summary>As the public overload, with the kernel family and thread count given (tests use every family).</summary>
    internal static unsafe void MultiplyWith(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA, bool transposeB, float alpha, float beta, GemmIsa isa, int threads)
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        if (!GemmDriver.IsSupported(isa))
        {
            throw new PlatformNotSupportedException($"GEMM kernel family {isa} is not supported on this CPU.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        Span<float> cm = c[..(m * n)];
        if (k == 0 || alpha == 0f)
        {
            if (beta == 0f)
            {
                cm.Clear();
            }
            else if (beta != 1f)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(cm, beta, cm);
            }

            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var problem = new GemmProblem
            {
                A = pa,
                B = pb,
                C = pc,
                M = m,
                N = n,
                K = k,
                TransposeA = transposeA,
                TransposeB = transposeB,
                Alpha = alpha,
                Beta = beta,
                Isa = isa,
            };
            int rowTiles = (m + GemmDriver.TileRows(isa) - 1) / GemmDriver.TileRows(isa);
            int colTiles = (n + GemmDriver.TileCols(isa) - 1) / GemmDriver.TileCols(isa);
            bool splitRows = rowTiles >= colTiles;
            // Up to four chunks per thread, claimed dynamically, so a preempted thread on a shared machine
            // delays the call by a small chunk rather than half of it; each chunk keeps at least MinChunkWork.
            long work = (long)m * n * k;
            int chunks = (int)Math.Min(Math.Min(4L * threads, splitRows ? rowTiles : colTiles), Math.Max(1, work / MinChunkWork));
            if (threads <= 1 || chunks <= 1 || work < ParallelThreshold)
            {
                GemmDriver.Run(problem, 0, m, 0, n);
            }
            else
            {
                GemmJob.Run(problem, threads, chunks, splitRows);
            }
        }
    }
}
