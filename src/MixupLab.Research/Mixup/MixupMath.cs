using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Research.Mixup;

/// <summary>Pure tensor functions of Mixup: mixed inputs and mixed soft targets.</summary>
public static class MixupMath
{
    /// <summary>x̃ᵢ = λᵢxᵢ + (1−λᵢ)x_{partner(i)} for a batch <paramref name="inputs"/> of shape (N, ...).</summary>
    /// <remarks>λᵢ = 1 returns row i unchanged, bit for bit.</remarks>
    public static Tensor MixInputs(Tensor inputs, int[] partners, float[] lambdas)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckBatch(inputs, partners, lambdas, nameof(inputs));
        int n = inputs.Dim(0);
        int row = n == 0 ? 0 : inputs.Length / n;
        var result = Tensor.Empty(inputs.Shape);
        var src = inputs.Span;
        var dst = result.Span;
        for (int i = 0; i < n; i++)
        {
            var own = src.Slice(i * row, row);
            var target = dst.Slice(i * row, row);
            float lambda = lambdas[i];
            if (lambda == 1f)
            {
                own.CopyTo(target);
                continue;
            }

            var other = src.Slice(partners[i] * row, row);
            TensorPrimitives.Multiply(other, 1f - lambda, target);
            TensorPrimitives.MultiplyAdd(own, lambda, target, target);
        }

        return result;
    }

    /// <summary>One-hot targets (N, K), optionally smoothed: (1−s)·onehot + s/K. Smoothing is 0 unless asked for.</summary>
    public static Tensor OneHot(int[] labels, int classes, float smoothing = 0f)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (!(smoothing >= 0f && smoothing < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Label smoothing must be in [0, 1).");
        }

        var t = Tensor.Full(smoothing / classes, labels.Length, classes);
        var s = t.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label at index {i} is {labels[i]}; labels must be in [0, {classes}).");
            }

            s[(i * classes) + labels[i]] += 1f - smoothing;
        }

        return t;
    }

    /// <summary>ỹᵢ = λᵢyᵢ + (1−λᵢ)y_{partner(i)} for soft targets (N, K); rows that sum to 1 keep summing to 1.</summary>
    public static Tensor MixTargets(Tensor targets, int[] partners, float[] lambdas) => MixInputs(targets, partners, lambdas);

    private static void CheckBatch(Tensor batch, int[] partners, float[] lambdas, string name)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (batch.Rank == 0)
        {
            throw new ArgumentException("A batch needs a leading batch dimension.", name);
        }

        int n = batch.Dim(0);
        if (partners.Length != n || lambdas.Length != n)
        {
            throw new ArgumentException($"Batch of {n} examples but {partners.Length} partners and {lambdas.Length} λ values.", name);
        }

        foreach (var p in partners)
        {
            if ((uint)p >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(partners), p, $"Partner index must be in [0, {n}).");
            }
        }

        foreach (var l in lambdas)
        {
            if (!(l >= 0f && l <= 1f))
            {
                throw new ArgumentOutOfRangeException(nameof(lambdas), l, "λ must be in [0, 1].");
            }
        }
    }
}
