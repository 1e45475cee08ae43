using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Sum of all elements, a rank-0 result.</summary>
    /// <remarks>d/da = g broadcast to shape(a).</remarks>
    public static Var Sum(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Scalar(TensorPrimitives.Sum(a.Value.Span));
        return Var.FromOp(result, Var.NeedsGrad(a) ? new SumNode(a, null, null) : null);
    }

    /// <summary>Sum along <paramref name="axis"/> (negative counts from the end), removing it unless <paramref name="keepDim"/>.</summary>
    /// <remarks>Shapes: (…, n, …) → (…, …) or (…, 1, …). d/da = g (with the axis restored as size 1) broadcast to shape(a).</remarks>
    public static Var Sum(Var a, int axis, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        var keptShape = AxisSplit.ReducedShape(a.Shape, axis, keepDim: true);
        var result = Tensor.Empty(keepDim ? keptShape : AxisSplit.ReducedShape(a.Shape, axis, keepDim: false));
        ReductionKernels.Sum(a.Value, axis, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new SumNode(a, keepDim ? null : keptShape, axis) : null);
    }

    /// <summary>Broadcasts g back to shape(a); <c>keptShape</c> is the output shape with the reduced axis
    /// kept as 1, given when the output dropped the axis; <c>axis</c> is null for the sum of all elements.</summary>
    private sealed class SumNode(Var a, int[]? keptShape, int? axis) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            if (gradOutput.Length == 1 && !GradMode.IsEnabled)
            {
                // One pass instead of zero-fill plus broadcast-add: the common backward of a scalar loss.
                return [new Var(Tensor.Full(gradOutput.Value[0], a.Shape))];
            }

            if (axis is int ax && !GradMode.IsEnabled)
            {
                var expanded = Tensor.Empty(a.Shape);
                ReductionKernels.Expand(gradOutput.Value, ax, expanded);
                return [new Var(expanded)];
            }

            return [BroadcastTo(keptShape is null ? gradOutput : Reshape(gradOutput, keptShape), a.Shape)];
        }
    }
}
