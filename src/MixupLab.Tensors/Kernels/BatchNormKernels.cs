using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Batch normalisation forward (training and inference) and backward over <c>(N, C, S)</c> data.</summary>
/// <remarks>
/// Buffers: x, y, dy, dx: <c>(N, C, S)</c> with S = H·W for images and S = 1 for <c>(N, C)</c> features;
/// gamma, beta, dgamma, dbeta, mean, invStd, runningMean, runningVar: <c>(C)</c>. M = N·S values per channel.
/// Training: mean = Σx / M, var = Σ(x − mean)² / M (biased, used to normalise), invStd = 1/√(var + eps),
/// y = gamma·(x − mean)·invStd + beta; running stats become (1 − momentum)·old + momentum·new with the
/// unbiased variance var·M/(M − 1), as PyTorch. Inference uses mean = runningMean, invStd = 1/√(runningVar + eps).
/// Backward with xhat = (x − mean)·invStd: dbeta = Σ dy, dgamma = Σ dy·xhat, and
/// dx = gamma·invStd·(dy − dbeta/M − xhat·dgamma/M) in training (batch statistics depend on x),
/// dx = gamma·invStd·dy in inference. Channels run in parallel; each channel's sums run in a fixed order
/// (planes in double), so the bits do not depend on the thread count.
/// </remarks>
public static class BatchNormKernels
{
    /// <summary>Normalises with batch statistics, saves mean and invStd for backward, and updates the running stats.</summary>
    /// <param name="x">Input <c>(N, C, S)</c>.</param>
    /// <param name="gamma">Scale <c>(C)</c>.</param>
    /// <param name="beta">Shift <c>(C)</c>.</param>
    /// <param name="y">Output <c>(N, C, S)</c>.</param>
    /// <param name="mean">Receives the batch mean <c>(C)</c>.</param>
    /// <param name="invStd">Receives 1/√(biased batch variance + eps) <c>(C)</c>.</param>
    /// <param name="runningMean">Running mean <c>(C)</c> updated in place, or null.</param>
    /// <param name="runningVar">Running (unbiased) variance <c>(C)</c> updated in place, or null.</param>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="s">S.</param>
    /// <param name="momentum">Weight of the new batch statistics in the running stats.</param>
    /// <param name="eps">Added to the variance.</param>
    public static void ForwardTraining(
        float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] invStd,
        float[]? runningMean, float[]? runningVar, int n, int c, int s, float momentum, float eps)
    {
        long m = (long)n * s;
        if (m < 2)
        {
            throw new ArgumentException($"Batch normalisation in training mode needs more than one value per channel; got N={n}, S={s}.");
        }

        ForEachChannelRange(c, (c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                // One pass over x: sums of d = x − shift and d², with shift a value of the channel so that
                // Σd² − (Σd)²/M does not cancel catastrophically when |mean| ≫ std.
                float shift = x[ch * s];
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++)
                {
                    ShiftedSums(x.AsSpan(((i * c) + ch) * s, s), shift, out double d, out double d2);
                    sum += d;
                    sumSq += d2;
                }

                double meanShifted = sum / m;
                double sq = Math.Max(0, sumSq - (sum * meanShifted));
                float mu = (float)(shift + meanShifted);
                double variance = sq / m;
                float inv = (float)(1.0 / Math.Sqrt(variance + eps));
                mean[ch] = mu;
                invStd[ch] = inv;
                if (runningMean is not null)
                {
                    runningMean[ch] = ((1f - momentum) * runningMean[ch]) + (momentum * mu);
                }

                if (runningVar is not null)
                {
                    runningVar[ch] = ((1f - momentum) * runningVar[ch]) + (momentum * (float)(sq / (m - 1)));
                }

                Affine(x, y, n, c, s, ch, gamma[ch] * inv, beta[ch] - (mu * gamma[ch] * inv));
            }
        });
    }

    /// <summary>y = gamma·(x − runningMean)/√(runningVar + eps) + beta.</summary>
    public static void ForwardInference(
        float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, float[] y, int n, int c, int s, float eps)
    {
        ForEachChannelRange(c, (c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                float inv = 1f / MathF.Sqrt(runningVar[ch] + eps);
                Affine(x, y, n, c, s, ch, gamma[ch] * inv, beta[ch] - (runningMean[ch] * gamma[ch] * inv));
            }
        });
    }

    /// <summary>The gradients of the forward pass given the mean and invStd it used.</summary>
    /// <param name="x">Input <c>(N, C, S)</c>.</param>
    /// <param name="gamma">Scale <c>(C)</c>.</param>
    /// <param name="mean">Mean used by the forward pass <c>(C)</c> (batch or running).</param>
    /// <param name="invStd">1/√(var + eps) used by the forward pass <c>(C)</c>.</param>
    /// <param name="dy">Output gradient <c>(N, C, S)</c>.</param>
    /// <param name="dx">Input gradient <c>(N, C, S)</c>, overwritten; null to skip.</param>
    /// <param name="dgamma">Scale gradient <c>(C)</c>, overwritten; null to skip.</param>
    /// <param name="dbeta">Shift gradient <c>(C)</c>, overwritten; null to skip.</param>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="s">S.</param>
    /// <param name="training">Whether the forward pass used batch statistics (which then depend on x).</param>
    public static void Backward(
        float[] x, float[] gamma, float[] mean, float[] invStd, float[] dy, float[]? dx, float[]? dgamma, float[]? dbeta,
        int n, int c, int s, bool training)
    {
        double m = (double)n * s;
        ForEachChannelRange(c, (c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                float mu = mean[ch];
                float inv = invStd[ch];
                double sumDy = 0;
                double sumDyDev = 0;
                if (training || dgamma is not null || dbeta is not null)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int offset = ((i * c) + ch) * s;
                        sumDy += TensorPrimitives.Sum(dy.AsSpan(offset, s));
                        sumDyDev += SumProductDeviation(dy.AsSpan(offset, s), x.AsSpan(offset, s), mu);
                    }
                }

                if (dbeta is not null)
                {
                    dbeta[ch] = (float)sumDy;
                }

                if (dgamma is not null)
                {
                    dgamma[ch] = (float)(sumDyDev * inv);
                }

                if (dx is null)
                {
                    continue;
                }

                float k1 = gamma[ch] * inv;
                float k2 = 0f;
                float k3 = 0f;
                if (training)
                {
                    // dx = k1·dy − k1·sumDy/M − k1·inv²·(x − mean)·sumDyDev/M, i.e. k1·dy + k2·x + k3.
                    double slope = -k1 * (double)inv * inv * sumDyDev / m;
                    k2 = (float)slope;
                    k3 = (float)((-k1 * sumDy / m) - (slope * mu));
                }

                for (int i = 0; i < n; i++)
                {
                    int offset = ((i * c) + ch) * s;
                    var d = dx.AsSpan(offset, s);
                    if (training)
                    {
                        ScaleShift(x.AsSpan(offset, s), k2, k3, d);
                        TensorPrimitives.MultiplyAdd(dy.AsSpan(offset, s), k1, d, d);
                    }
                    else
                    {
                        TensorPrimitives.Multiply(dy.AsSpan(offset, s), k1, d);
                    }
                }
            }
        });
    }

    /// <summary>Σ (x − shift) and Σ (x − shift)² in one vectorised pass, float lanes summed in double at the end.</summary>
    internal static void ShiftedSums(ReadOnlySpan<float> x, float shift, out double sum, out double sumSq)
    {
        int i = 0;
        sum = 0;
        sumSq = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var k = Vector512.Create(shift);
            var acc = Vector512<float>.Zero;
            var acc2 = Vector512<float>.Zero;
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var d = Vector512.Create(x.Slice(i, Vector512<float>.Count)) - k;
                acc += d;
                acc2 = Vector512.FusedMultiplyAdd(d, d, acc2);
            }

            sum = Vector512.Sum(acc);
            sumSq = Vector512.Sum(acc2);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var k = Vector256.Create(shift);
            var acc = Vector256<float>.Zero;
            var acc2 = Vector256<float>.Zero;
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.Create(x.Slice(i, Vector256<float>.Count)) - k;
                acc += d;
                acc2 = Vector256.FusedMultiplyAdd(d, d, acc2);
            }

            sum = Vector256.Sum(acc);
            sumSq = Vector256.Sum(acc2);
        }

        for (; i < x.Length; i++)
        {
            double d = x[i] - shift;
            sum += d;
            sumSq += d * d;
        }
    }

    /// <summary>Σ dy·(x − mean), vectorised like <see cref="ShiftedSums"/>.</summary>
    internal static double SumProductDeviation(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        double total = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var mu = Vector512.Create(mean);
            var acc = Vector512<float>.Zero;
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                acc += Vector512.Create(dy.Slice(i, Vector512<float>.Count)) * (Vector512.Create(x.Slice(i, Vector512<float>.Count)) - mu);
            }

            total = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var mu = Vector256.Create(mean);
            var acc = Vector256<float>.Zero;
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                acc += Vector256.Create(dy.Slice(i, Vector256<float>.Count)) * (Vector256.Create(x.Slice(i, Vector256<float>.Count)) - mu);
            }

            total = Vector256.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            total += dy[i] * (x[i] - mean);
        }

        return total;
    }

    /// <summary>y = x·scale + shift, vectorised.</summary>
    internal static void ScaleShift(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(scale);
            var b = Vector512.Create(shift);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, Vector512<float>.Count)), a, b).CopyTo(y.Slice(i, Vector512<float>.Count));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(scale);
            var b = Vector256.Create(shift);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, Vector256<float>.Count)), a, b).CopyTo(y.Slice(i, Vector256<float>.Count));
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(x[i], scale, shift);
        }
    }

    private static void Affine(float[] x, float[] y, int n, int c, int s, int ch, float scale, float shift)
    {
        for (int i = 0; i < n; i++)
        {
            int offset = ((i * c) + ch) * s;
            ScaleShift(x.AsSpan(offset, s), scale, shift, y.AsSpan(offset, s));
        }
    }

    private static void ForEachChannelRange(int c, Action<int, int> body)
    {
        int chunks = Math.Min(c, Engine.Threads * 4);
        Engine.ParallelFor(chunks, i => body(i * c / chunks, (i + 1) * c / chunks));
    }
}
