using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Leaky ReLU: a where a &gt; 0, else slope·a.</summary>
    /// <remarks>d/da = g where a &gt; 0, else slope·g; like <see cref="Relu"/> the rule is linear in g and
    /// differentiates to itself.</remarks>
    public static Var LeakyRelu(Var a, float slope = 0.01f)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.LeakyRelu(a.Value, slope, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new LeakyReluNode(a, slope) : null);
    }

    private static Var LeakyReluMask(Var gradient, Var a, float slope)
    {
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.LeakyReluBackward(gradient.Value, a.Value, slope, result);
        return Var.FromOp(result, Var.NeedsGrad(gradient) ? new LeakyReluMaskNode(gradient, a, slope) : null);
    }

    private sealed class LeakyReluNode(Var a, float slope) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [LeakyReluMask(gradOutput, a, slope)];
    }

    private sealed class LeakyReluMaskNode(Var gradient, Var a, float slope) : Node(gradient)
    {
        public override Var?[] Backward(Var gradOutput) => [LeakyReluMask(gradOutput, a, slope)];
    }
}
