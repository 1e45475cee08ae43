using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Per-sample classification losses computed from log-probabilities, their fused first-order
/// gradients, and the stable binary cross-entropy with logits.</summary>
/// <remarks>Shapes: logProbs and targets (N, K) row-major, labels (N), per-sample values (N).
/// logProbs come from <see cref="ReductionKernels.LogSoftmax(Tensor, int, Tensor)"/>, so the loss
/// −log p[y] = logsumexp(z) − z[y] never overflows.</remarks>
public static class LossKernels
{
    /// <summary>loss[i] = −logProbs[i, labels[i]] (negative log-likelihood).</summary>
    public static void NegativeLogLikelihood(ReadOnlySpan<float> logProbs, ReadOnlySpan<int> labels, int classes, Span<float> loss)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            loss[i] = -logProbs[(i * classes) + labels[i]];
        }
    }

    /// <summary>destination[i, k] = g[i]·(exp(logProbs[i, k]) − [k = labels[i]]): d(cross-entropy)/d(logits).</summary>
    public static void CrossEntropyBackward(ReadOnlySpan<float> logProbs, ReadOnlySpan<int> labels, ReadOnlySpan<float> gradient, int classes, Span<float> destination)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            var d = destination.Slice(i * classes, classes);
            TensorPrimitives.Exp(logProbs.Slice(i * classes, classes), d);
            d[labels[i]] -= 1f;
            TensorPrimitives.Multiply(d, gradient[i], d);
        }
    }

    /// <summary>loss[i] = −Σ_k targets[i, k]·logProbs[i, k] (cross-entropy with soft targets).</summary>
    public static void SoftCrossEntropy(ReadOnlySpan<float> logProbs, ReadOnlySpan<float> targets, int classes, Span<float> loss)
    {
        for (int i = 0; i < loss.Length; i++)
        {
            loss[i] = -TensorPrimitives.Dot(logProbs.Slice(i * classes, classes), targets.Slice(i * classes, classes));
        }
    }

    /// <summary>destination[i, k] = g[i]·(exp(logProbs[i, k])·Σ_j targets[i, j] − targets[i, k]): d(soft cross-entropy)/d(logits).</summary>
    public static void SoftCrossEntropyBackward(ReadOnlySpan<float> logProbs, ReadOnlySpan<float> targets, ReadOnlySpan<float> gradient, int classes, Span<float> destination)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            var d = destination.Slice(i * classes, classes);
            var t = targets.Slice(i * classes, classes);
            TensorPrimitives.Exp(logProbs.Slice(i * classes, classes), d);
            TensorPrimitives.Multiply(d, TensorPrimitives.Sum(t), d);
            TensorPrimitives.Subtract(d, t, d);
            TensorPrimitives.Multiply(d, gradient[i], d);
        }
    }

    /// <summary>loss = softplus(z) − y·z elementwise, i.e. −y·log σ(z) − (1 − y)·log(1 − σ(z)), finite for any finite z.</summary>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> loss)
    {
        if (logits.Length != targets.Length || logits.Length != loss.Length)
        {
            throw new ArgumentException($"Lengths differ: logits {logits.Length}, targets {targets.Length}, loss {loss.Length}.");
        }

        ElementwiseKernels.Softplus(logits, loss);
        Span<float> product = stackalloc float[256];
        for (int start = 0; start < logits.Length; start += product.Length)
        {
            int n = Math.Min(product.Length, logits.Length - start);
            var p = product[..n];
            var l = loss.Slice(start, n);
            TensorPrimitives.Multiply(logits.Slice(start, n), targets.Slice(start, n), p);
            TensorPrimitives.Subtract(l, p, l);
        }
    }
}
