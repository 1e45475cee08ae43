using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise absolute value, |a|.</summary>
    /// <remarks>d/da = g·sign(a) (0 at a = 0); sign is piecewise constant, so the second derivative is 0 away from 0.</remarks>
    public static Var Abs(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Abs(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new AbsNode(a) : null);
    }

    private sealed class AbsNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            var sign = Tensor.Empty(a.Shape);
            ElementwiseKernels.Sign(a.Value, sign);
            return [Multiply(gradOutput, new Var(sign))];
        }
    }
}
