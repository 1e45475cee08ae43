using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Logistic sigmoid σ(a) = 1 / (1 + e⁻ᵃ).</summary>
    /// <remarks>d/da = g·σ(a)·(1 − σ(a)), written with the output.</remarks>
    public static Var Sigmoid(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Sigmoid(a.Value, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new SigmoidNode(a) : null);
    }

    private sealed class SigmoidNode(Var a) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput) =>
            [Multiply(gradOutput, Multiply(Output, AddScalar(Scale(Output, -1f), 1f)))];
    }
}
