using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Binary cross-entropy on logits, elementwise softplus(z) − y·z, with soft targets allowed.</summary>
    /// <remarks>
    /// Shapes: logits and targets equal (any shape) → rank 0 (Mean over all elements, Sum) or the input shape (None).
    /// softplus(z) − y·z = −y·log σ(z) − (1 − y)·log(1 − σ(z)), computed as max(z, 0) + log(1 + e^(−|z|)) − y·z so
    /// it is finite for any finite z. d/dz = g·(σ(z) − y), d/dy = −g·z, both in Ops (differentiable again).
    /// </remarks>
    public static Var BinaryCrossEntropyWithLogits(Var logits, Var targets, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!ShapeHelper.SameShape(logits.Shape, targets.Shape))
        {
            throw new ArgumentException($"Targets must have the logits' shape {ShapeHelper.Format(logits.Shape)}, got {ShapeHelper.Format(targets.Shape)}.", nameof(targets));
        }

        var loss = Tensor.Empty(logits.Shape);
        LossKernels.BinaryCrossEntropyWithLogits(logits.Value.Span, targets.Value.Span, loss.Span);
        var values = Var.FromOp(loss, Var.NeedsGrad(logits, targets) ? new BinaryCrossEntropyWithLogitsNode(logits, targets) : null);
        return ReduceLoss(values, reduction);
    }

    private sealed class BinaryCrossEntropyWithLogitsNode(Var logits, Var targets) : Node(logits, targets)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? Multiply(gradOutput, Subtract(Sigmoid(logits), targets)) : null,
            NeedsInputGrad(1) ? Scale(Multiply(gradOutput, logits), -1f) : null,
        ];
    }
}
