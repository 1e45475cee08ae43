using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Sums <paramref name="a"/> over the dimensions that broadcasting <paramref name="shape"/> to shape(a) would expand.</summary>
    /// <remarks>The shared reduction of broadcast gradients; d/da = BroadcastTo(g, shape(a)). Returns <paramref name="a"/> itself when the shapes match.</remarks>
    public static Var SumToShape(Var a, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (ShapeHelper.SameShape(a.Shape, shape))
        {
            return a;
        }

        var result = Tensor.Empty(shape);
        BroadcastKernels.SumToShape(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new SumToShapeNode(a) : null);
    }

    private sealed class SumToShapeNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [BroadcastTo(gradOutput, a.Shape)];
    }
}
