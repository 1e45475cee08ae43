using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Broadcasting addition a + b.</summary>
    /// <remarks>d/da = SumToShape(g, shape(a)), d/db = SumToShape(g, shape(b)).</remarks>
    public static Var Add(Var a, Var b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = Tensor.Empty(ShapeHelper.Broadcast(a.Shape, b.Shape));
        BroadcastKernels.Add(a.Value, b.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a, b) ? new AddNode(a, b) : null);
    }

    private sealed class AddNode(Var a, Var b) : Node(a, b)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? SumToShape(gradOutput, a.Shape) : null,
            NeedsInputGrad(1) ? SumToShape(gradOutput, b.Shape) : null,
        ];
    }
}
