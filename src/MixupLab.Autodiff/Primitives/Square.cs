using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise square, a².</summary>
    /// <remarks>d/da = 2·g·a.</remarks>
    public static Var Square(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Square(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new SquareNode(a) : null);
    }

    private sealed class SquareNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Scale(Multiply(gradOutput, a), 2f)];
    }
}
