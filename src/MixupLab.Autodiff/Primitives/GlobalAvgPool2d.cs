using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Mean over each image plane: <c>(N, C, H, W)</c> → <c>(N, C)</c>.</summary>
    /// <remarks>
    /// y[n, c] = (1/(H·W)) Σ_{i, j} x[n, c, i, j]. Linear, so its gradient dx[n, c, i, j] = g[n, c]/(H·W) is the
    /// adjoint <see cref="SpreadPlanes"/>, whose own gradient is this op: the rule is differentiable to any order.
    /// </remarks>
    public static Var GlobalAvgPool2d(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireImages(x, nameof(GlobalAvgPool2d), nameof(x));
        int planes = x.Dim(0) * x.Dim(1);
        int plane = x.Dim(2) * x.Dim(3);
        var result = Tensor.Empty(x.Dim(0), x.Dim(1));
        PoolingKernels.GlobalAvgForward(x.Value.Span, result.Span, planes, plane);
        return Var.FromOp(result, Var.NeedsGrad(x) ? new GlobalAvgPool2dNode(x) : null);
    }

    private sealed class GlobalAvgPool2dNode(Var x) : Node(x)
    {
        public override Var?[] Backward(Var gradOutput) => [SpreadPlanes(gradOutput, x.Dim(2), x.Dim(3))];
    }
}
