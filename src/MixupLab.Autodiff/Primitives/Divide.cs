using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Broadcasting elementwise quotient a / b.</summary>
    /// <remarks>d/da = SumToShape(g/b, shape(a)), d/db = −SumToShape(g·a/b², shape(b)).</remarks>
    public static Var Divide(Var a, Var b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = Tensor.Empty(ShapeHelper.Broadcast(a.Shape, b.Shape));
        BroadcastKernels.Divide(a.Value, b.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a, b) ? new DivideNode(a, b) : null);
    }

    private sealed class DivideNode(Var a, Var b) : Node(a, b)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? SumToShape(Divide(gradOutput, b), a.Shape) : null,
            NeedsInputGrad(1) ? Scale(SumToShape(Divide(Multiply(gradOutput, a), Multiply(b, b)), b.Shape), -1f) : null,
        ];
    }
}
