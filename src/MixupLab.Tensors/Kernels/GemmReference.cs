namespace MixupLab.Tensors.Kernels;

/// <summary>The plain scalar SGEMM that the optimised kernel is tested against (same contract as <see cref="Gemm.Multiply"/>).</summary>
public static class GemmReference
{
    /// <summary>Computes C = alpha·op(A)·op(B) + beta·C with double accumulation, one element at a time.</summary>
    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
    {
        Validate(a.Length, b.Length, c.Length, m, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    float bv = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += (double)av * bv;
                }

                int ci = (i * n) + j;
                c[ci] = beta == 0f ? (float)(alpha * sum) : (float)((alpha * sum) + (beta * c[ci]));
            }
        }
    }

    internal static void Validate(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"GEMM dimensions must be non-negative (m={m}, n={n}, k={k}).", m < 0 ? "m" : n < 0 ? "n" : "k");
        }

        if (aLength < (long)m * k)
        {
            throw new ArgumentException($"GEMM A has {aLength} elements but op(A) is m×k = {m}×{k} (needs {(long)m * k}).", "a");
        }

        if (bLength < (long)k * n)
        {
            throw new ArgumentException($"GEMM B has {bLength} elements but op(B) is k×n = {k}×{n} (needs {(long)k * n}).", "b");
        }

        if (cLength < (long)m * n)
        {
            throw new ArgumentException($"GEMM C has {cLength} elements but C is m×n = {m}×{n} (needs {(long)m * n}).", "c");
        }
    }
}
