using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Expands <paramref name="a"/> to <paramref name="shape"/> by NumPy broadcasting (a copy).</summary>
    /// <remarks>d/da = SumToShape(g, shape(a)). Returns <paramref name="a"/> itself when the shapes match.</remarks>
    public static Var BroadcastTo(Var a, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (ShapeHelper.SameShape(a.Shape, shape))
        {
            return a;
        }

        if (!ShapeHelper.SameShape(ShapeHelper.Broadcast(a.Shape, shape), shape))
        {
            throw new ArgumentException($"Cannot broadcast {ShapeHelper.Format(a.Shape)} to {ShapeHelper.Format(shape)}.");
        }

        var result = Tensor.Zeros(shape);
        BroadcastKernels.Add(result, a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new BroadcastToNode(a) : null);
    }

    private sealed class BroadcastToNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [SumToShape(gradOutput, a.Shape)];
    }
}
