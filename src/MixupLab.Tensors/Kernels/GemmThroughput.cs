using System.Diagnostics;

namespace MixupLab.Tensors.Kernels;

/// <summary>A self-contained SGEMM speed probe (used by the <c>mixuplab bench</c> command).</summary>
public static class GemmThroughput
{
    /// <summary>Times <paramref name="repeats"/> calls of <see cref="Gemm.Multiply"/> on size×size matrices
    /// (after one warm-up call) with the current <see cref="Engine.Threads"/> and returns the best GFLOP/s.</summary>
    /// <remarks>FLOPs per call are 2·size³. The best of the repeats is reported because the machine may be shared.</remarks>
    /// <param name="size">Edge of the square matrices (m = n = k), at least 1.</param>
    /// <param name="repeats">Timed calls, at least 1.</param>
    /// <param name="transposeA">Whether A is stored transposed.</param>
    /// <param name="transposeB">Whether B is stored transposed.</param>
    public static double Measure(int size, int repeats, bool transposeA = false, bool transposeB = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var a = new float[size * size];
        var b = new float[size * size];
        var c = new float[size * size];
        var random = new RandomSource(12345);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble() - 0.5f;
            b[i] = (float)random.NextDouble() - 0.5f;
        }

        Gemm.Multiply(a, b, c, size, size, size, transposeA, transposeB);
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            Gemm.Multiply(a, b, c, size, size, size, transposeA, transposeB);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return 2.0 * size * size * size / best / 1e9;
    }
}
