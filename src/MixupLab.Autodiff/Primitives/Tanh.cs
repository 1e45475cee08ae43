using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise hyperbolic tangent.</summary>
    /// <remarks>d/da = g·(1 − tanh²a), written with the output.</remarks>
    public static Var Tanh(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Tanh(a.Value, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new TanhNode(a) : null);
    }

    private sealed class TanhNode(Var a) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput) =>
            [Multiply(gradOutput, AddScalar(Scale(Multiply(Output, Output), -1f), 1f))];
    }
}
