using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise exponential, eᵃ.</summary>
    /// <remarks>d/da = g·eᵃ, written with the output so it is differentiable again.</remarks>
    public static Var Exp(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Exp(a.Value, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new ExpNode(a) : null);
    }

    private sealed class ExpNode(Var a) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Multiply(gradOutput, Output)];
    }
}
