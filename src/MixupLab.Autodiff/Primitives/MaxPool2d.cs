using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>2-D max pooling with square window, stride and padding.</summary>
    /// <remarks>See <see cref="MaxPool2d(Var, ValueTuple{int, int}, ValueTuple{int, int}, ValueTuple{int, int})"/>.</remarks>
    public static Var MaxPool2d(Var x, int kernel, int stride, int padding = 0) =>
        MaxPool2d(x, (kernel, kernel), (stride, stride), (padding, padding));

    /// <summary>2-D max pooling, as PyTorch's <c>max_pool2d</c> (no dilation, floor mode).</summary>
    /// <remarks>
    /// x <c>(N, C, H, W)</c> → <c>(N, C, Ho, Wo)</c> with Ho = (H + 2·ph − kh)/sh + 1 (floor), likewise Wo;
    /// y[n, c, i, j] = max over the window rows i·sh − ph ..+kh, columns j·sw − pw ..+kw inside x (padding is −∞,
    /// so it needs padding ≤ kernel/2). The gradient flows to each window's first maximum in row-major order.
    /// The backward rule uses raw kernels (<see cref="Node.SupportsCreateGraph"/> is false).
    /// </remarks>
    public static Var MaxPool2d(Var x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = PoolGeometry(nameof(MaxPool2d), x, kernel, stride, padding);
        var result = Tensor.Empty(g.OutputShape);
        PoolingKernels.MaxForward(x.Value.Data, result.Data, g);
        return Var.FromOp(result, Var.NeedsGrad(x) ? new MaxPool2dNode(x, g) : null);
    }

    private static Conv2dGeometry PoolGeometry(string op, Var x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding)
    {
        RequireImages(x, op, nameof(x));
        if (padding.H > kernel.H / 2 || padding.W > kernel.W / 2)
        {
            throw new ArgumentException($"{op}: padding ({padding.H}, {padding.W}) must be at most half the kernel ({kernel.H}, {kernel.W}).", nameof(padding));
        }

        return Geometry(op, x, x.Dim(1), kernel, stride, padding);
    }

    private sealed class MaxPool2dNode(Var x, Conv2dGeometry geometry) : Node(x)
    {
        public override bool SupportsCreateGraph => false;

        public override Var?[] Backward(Var gradOutput)
        {
            var dx = Tensor.Empty(x.Shape);
            PoolingKernels.MaxBackward(x.Value.Data, gradOutput.Value.Data, dx.Data, geometry);
            return [new Var(dx)];
        }
    }
}
