using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Cross-entropy of logits against soft target distributions (Mixup's mixed labels), fused with a stable log-softmax.</summary>
    /// <remarks>
    /// Shapes: logits (N, K), targets (N, K) → rank 0 (Mean, Sum) or (N) (None).
    /// Per sample ℓᵢ = −Σₖ tᵢₖ·log softmax(zᵢ)ₖ. d/dz = gᵢ·(softmax(zᵢ)·Σₖ tᵢₖ − tᵢ), d/dt = −gᵢ·log softmax(zᵢ);
    /// a fused kernel on first-order passes, the same expressions in Ops when the graph is recorded.
    /// Targets need not sum to 1 (the gradient stays exact).
    /// </remarks>
    public static Var SoftCrossEntropy(Var logits, Var targets, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        RequireRank(logits, 2, nameof(logits), "(N, K)");
        if (!ShapeHelper.SameShape(logits.Shape, targets.Shape))
        {
            throw new ArgumentException($"Soft targets must have the logits' shape {ShapeHelper.Format(logits.Shape)}, got {ShapeHelper.Format(targets.Shape)}.", nameof(targets));
        }

        int n = logits.Shape[0];
        int k = logits.Shape[1];
        var logProbs = Tensor.Empty(n, k);
        ReductionKernels.LogSoftmax(logits.Value, 1, logProbs);
        var loss = Tensor.Empty(n);
        LossKernels.SoftCrossEntropy(logProbs.Span, targets.Value.Span, k, loss.Span);
        var perSample = Var.FromOp(loss, Var.NeedsGrad(logits, targets) ? new SoftCrossEntropyNode(logits, targets, logProbs) : null);
        return ReduceLoss(perSample, reduction);
    }

    private sealed class SoftCrossEntropyNode(Var logits, Var targets, Tensor logProbs) : Node(logits, targets)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            bool record = GradMode.IsEnabled;
            Var? logitsGrad = null;
            if (NeedsInputGrad(0))
            {
                if (record)
                {
                    var p = Softmax(logits, 1);
                    logitsGrad = Multiply(AsColumn(gradOutput), Subtract(Multiply(p, Sum(targets, 1, keepDim: true)), targets));
                }
                else
                {
                    var grad = Tensor.Empty(logits.Shape);
                    LossKernels.SoftCrossEntropyBackward(logProbs.Span, targets.Value.Span, gradOutput.Value.Span, logits.Shape[1], grad.Span);
                    logitsGrad = new Var(grad);
                }
            }

            Var? targetsGrad = null;
            if (NeedsInputGrad(1))
            {
                var logP = record ? LogSoftmax(logits, 1) : new Var(logProbs);
                targetsGrad = Scale(Multiply(AsColumn(gradOutput), logP), -1f);
            }

            return [logitsGrad, targetsGrad];
        }
    }
}
