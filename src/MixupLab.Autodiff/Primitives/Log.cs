using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise natural logarithm, ln a.</summary>
    /// <remarks>d/da = g / a.</remarks>
    public static Var Log(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Log(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new LogNode(a) : null);
    }

    private sealed class LogNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Divide(gradOutput, a)];
    }
}
