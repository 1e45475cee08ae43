using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Cross-entropy of logits against integer class labels, fused with a stable log-softmax.</summary>
    /// <remarks>
    /// Shapes: logits (N, K), labels (N) with values in [0, K) → rank 0 (Mean, Sum) or (N) (None).
    /// Per sample ℓᵢ = logsumexp(zᵢ) − zᵢ[yᵢ]. d/dz = gᵢ·(softmax(zᵢ) − onehot(yᵢ)): one fused kernel on a
    /// first-order pass, and the same expression in Ops (through <see cref="Softmax"/>) when the graph is
    /// recorded, so Hessian-vector products through the loss are exact.
    /// </remarks>
    public static Var CrossEntropy(Var logits, int[] labels, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        RequireRank(logits, 2, nameof(logits), "(N, K)");
        int n = logits.Shape[0];
        int k = logits.Shape[1];
        if (labels.Length != n)
        {
            throw new ArgumentException($"{labels.Length} labels for logits of shape {ShapeHelper.Format(logits.Shape)}: expected {n}.", nameof(labels));
        }

        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"labels[{i}] = {labels[i]} is outside [0, {k}) for {k} classes.");
            }
        }

        var logProbs = Tensor.Empty(n, k);
        ReductionKernels.LogSoftmax(logits.Value, 1, logProbs);
        var loss = Tensor.Empty(n);
        LossKernels.NegativeLogLikelihood(logProbs.Span, labels, k, loss.Span);
        var perSample = Var.FromOp(loss, Var.NeedsGrad(logits) ? new CrossEntropyNode(logits, labels, logProbs) : null);
        return ReduceLoss(perSample, reduction);
    }

    private sealed class CrossEntropyNode(Var logits, int[] labels, Tensor logProbs) : Node(logits)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            int k = logits.Shape[1];
            if (!GradMode.IsEnabled)
            {
                var grad = Tensor.Empty(logits.Shape);
                LossKernels.CrossEntropyBackward(logProbs.Span, labels, gradOutput.Value.Span, k, grad.Span);
                return [new Var(grad)];
            }

            var oneHot = Tensor.Zeros(logits.Shape);
            for (int i = 0; i < labels.Length; i++)
            {
                oneHot[(i * k) + labels[i]] = 1f;
            }

            return [Multiply(AsColumn(gradOutput), Subtract(Softmax(logits, 1), new Var(oneHot)))];
        }
    }
}
