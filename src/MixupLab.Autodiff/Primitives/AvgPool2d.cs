using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>2-D average pooling with square window, stride and padding.</summary>
    /// <remarks>See <see cref="AvgPool2d(Var, ValueTuple{int, int}, ValueTuple{int, int}, ValueTuple{int, int})"/>.</remarks>
    public static Var AvgPool2d(Var x, int kernel, int stride, int padding = 0) =>
        AvgPool2d(x, (kernel, kernel), (stride, stride), (padding, padding));

    /// <summary>2-D average pooling, as PyTorch's <c>avg_pool2d</c> with its defaults (count_include_pad=True, floor mode).</summary>
    /// <remarks>
    /// x <c>(N, C, H, W)</c> → <c>(N, C, Ho, Wo)</c> with Ho = (H + 2·ph − kh)/sh + 1 (floor), likewise Wo;
    /// y[n, c, i, j] = (1/(kh·kw)) Σ over the window of x, padded positions counting as 0 (padding ≤ kernel/2).
    /// dx spreads g/(kh·kw) over each window. The backward rule uses raw kernels
    /// (<see cref="Node.SupportsCreateGraph"/> is false).
    /// </remarks>
    public static Var AvgPool2d(Var x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = PoolGeometry(nameof(AvgPool2d), x, kernel, stride, padding);
        var result = Tensor.Empty(g.OutputShape);
        PoolingKernels.AvgForward(x.Value.Data, result.Data, g);
        return Var.FromOp(result, Var.NeedsGrad(x) ? new AvgPool2dNode(x, g) : null);
    }

    private sealed class AvgPool2dNode(Var x, Conv2dGeometry geometry) : Node(x)
    {
        public override bool SupportsCreateGraph => false;

        public override Var?[] Backward(Var gradOutput)
        {
            var dx = Tensor.Empty(x.Shape);
            PoolingKernels.AvgBackward(gradOutput.Value.Data, dx.Data, geometry);
            return [new Var(dx)];
        }
    }
}
