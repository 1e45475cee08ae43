using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Softplus, ln(1 + eᵃ), computed stably as max(a, 0) + ln(1 + e^(−|a|)).</summary>
    /// <remarks>d/da = g·σ(a); differentiable again through <see cref="Sigmoid"/>.</remarks>
    public static Var Softplus(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Softplus(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new SoftplusNode(a) : null);
    }

    private sealed class SoftplusNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Multiply(gradOutput, Sigmoid(a))];
    }
}
