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
            throw new ArgumentException($"GEMM dimensions must be non-negative (m={m}, n={n}, k={k}).");
        }

        if (aLength < (long)m * k || bLength < (long)k * n || cLength < (long)m * n)
        {
            throw new ArgumentException(
                $"GEMM buffers too small for m={m}, n={n}, k={k}: A has {aLength} (needs {(long)m * k}), B {bLength} (needs {(long)k * n}), C {cLength} (needs {(long)m * n}).");
        }
    }
}
