using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise square root, √a.</summary>
    /// <remarks>d/da = g / (2√a), written with the output.</remarks>
    public static Var Sqrt(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Sqrt(a.Value, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new SqrtNode(a) : null);
    }

    private sealed class SqrtNode(Var a) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Divide(Scale(gradOutput, 0.5f), Output)];
    }
}
