using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>The adjoint of <see cref="GlobalAvgPool2d"/>: <c>(N, C)</c> → <c>(N, C, H, W)</c>, y[n, c, i, j] = g[n, c]/(H·W).</summary>
    /// <remarks>Linear; its gradient is <see cref="GlobalAvgPool2d"/> of the incoming gradient.</remarks>
    internal static Var SpreadPlanes(Var g, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (g.Shape.Length != 2)
        {
            throw new ArgumentException($"SpreadPlanes: g must be (N, C); got shape {ShapeHelper.Format(g.Shape)}.", nameof(g));
        }

        var result = Tensor.Empty(g.Dim(0), g.Dim(1), height, width);
        PoolingKernels.GlobalAvgBackward(g.Value.Span, result.Span, g.Length, height * width);
        return Var.FromOp(result, Var.NeedsGrad(g) ? new SpreadPlanesNode(g) : null);
    }

    private sealed class SpreadPlanesNode(Var g) : Node(g)
    {
        public override Var?[] Backward(Var gradOutput) => [GlobalAvgPool2d(gradOutput)];
    }
}
