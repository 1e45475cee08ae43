namespace MixupLab.Tensors.Kernels;

/// <summary>Plain scalar versions of the hand-vectorised kernels in <see cref="ElementwiseKernels"/> and
/// <see cref="ReductionKernels"/>, which tests compare them against.</summary>
public static class ElementwiseReference
{
    /// <summary>destination = g where x &gt; 0, else 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > 0f ? gradient[i] : 0f;
        }
    }

    /// <summary>destination = x where x &gt; 0, else slope·x.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    /// <summary>destination = g where x &gt; 0, else slope·g.</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> x, float slope, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > 0f ? gradient[i] : slope * gradient[i];
        }
    }

    /// <summary>destination = sign(x) (0 for NaN).</summary>
    public static void Sign(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > 0f ? 1f : x[i] < 0f ? -1f : 0f;
        }
    }

    /// <summary>destination = ln(1 + eˣ) in double precision.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            destination[i] = (float)(Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v))));
        }
    }

    /// <summary>Index of the first maximum of each row of a (rows, cols) matrix.</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> x, int rows, int cols, Span<int> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            int best = 0;
            for (int c = 1; c < cols; c++)
            {
                if (x[(r * cols) + c] > x[(r * cols) + best])
                {
                    best = c;
                }
            }

            destination[r] = best;
        }
    }
}
