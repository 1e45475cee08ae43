using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Rectified linear unit, max(a, 0).</summary>
    /// <remarks>d/da = g·[a &gt; 0], one fused masking kernel. The mask is piecewise constant, so the rule is
    /// linear in g and its own derivative is the same masking (second derivative 0 away from 0).</remarks>
    public static Var Relu(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.Relu(a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new ReluNode(a) : null);
    }

    /// <summary>g masked by [a &gt; 0]; differentiable in g only (a enters as a constant mask).</summary>
    private static Var ReluMask(Var gradient, Var a)
    {
        var result = Tensor.Empty(a.Shape);
        ElementwiseKernels.ReluBackward(gradient.Value, a.Value, result);
        return Var.FromOp(result, Var.NeedsGrad(gradient) ? new ReluMaskNode(gradient, a) : null);
    }

    private sealed class ReluNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [ReluMask(gradOutput, a)];
    }

    private sealed class ReluMaskNode(Var gradient, Var a) : Node(gradient)
    {
        public override Var?[] Backward(Var gradOutput) => [ReluMask(gradOutput, a)];
    }
}
