using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>log Σ exp(a) along <paramref name="axis"/>, computed as max + log Σ exp(a − max).</summary>
    /// <remarks>Shapes as <see cref="Sum(Var, int, bool)"/>. d/da = g·softmax(a, axis), differentiable again
    /// through <see cref="Softmax"/>.</remarks>
    public static Var LogSumExp(Var a, int axis = -1, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        var keptShape = AxisSplit.ReducedShape(a.Shape, axis, keepDim: true);
        var result = Tensor.Empty(keepDim ? keptShape : AxisSplit.ReducedShape(a.Shape, axis, keepDim: false));
        ReductionKernels.LogSumExp(a.Value, axis, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new LogSumExpNode(a, axis, keepDim ? null : keptShape) : null);
    }

    private sealed class LogSumExpNode(Var a, int axis, int[]? keptShape) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) =>
            [Multiply(keptShape is null ? gradOutput : Reshape(gradOutput, keptShape), Softmax(a, axis))];
    }
}
