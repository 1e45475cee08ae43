namespace MixupLab.Tensors.Kernels;

/// <summary>Single-precision matrix multiplication C = alpha·op(A)·op(B) + beta·C on contiguous row-major matrices.</summary>
/// <remarks>
/// op(A) is m×k: A is stored m×k, or k×m when transposeA is set; op(B) is k×n: B is
/// stored k×n, or n×k when transposed; C is m×n. This is the entry point every layer uses.
/// </remarks>
public static class Gemm
{
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
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        GemmReference.Multiply(a, b, c, m, n, k, transposeA, transposeB, alpha, beta);
    }
}
