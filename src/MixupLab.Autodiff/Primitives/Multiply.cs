using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Broadcasting elementwise product a · b.</summary>
    /// <remarks>d/da = SumToShape(g·b, shape(a)), d/db = SumToShape(g·a, shape(b)).</remarks>
    public static Var Multiply(Var a, Var b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = Tensor.Empty(ShapeHelper.Broadcast(a.Shape, b.Shape));
        BroadcastKernels.Multiply(a.Value, b.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a, b) ? new MultiplyNode(a, b) : null);
    }

    private sealed class MultiplyNode(Var a, Var b) : Node(a, b)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? SumToShape(Multiply(gradOutput, b), a.Shape) : null,
            NeedsInputGrad(1) ? SumToShape(Multiply(gradOutput, a), b.Shape) : null,
        ];
    }
}
