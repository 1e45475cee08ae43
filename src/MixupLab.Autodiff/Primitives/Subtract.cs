using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Broadcasting subtraction a − b.</summary>
    /// <remarks>d/da = SumToShape(g, shape(a)), d/db = −SumToShape(g, shape(b)).</remarks>
    public static Var Subtract(Var a, Var b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = Tensor.Empty(ShapeHelper.Broadcast(a.Shape, b.Shape));
        BroadcastKernels.Subtract(a.Value, b.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a, b) ? new SubtractNode(a, b) : null);
    }

    private sealed class SubtractNode(Var a, Var b) : Node(a, b)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? SumToShape(gradOutput, a.Shape) : null,
            NeedsInputGrad(1) ? Scale(SumToShape(gradOutput, b.Shape), -1f) : null,
        ];
    }
}
