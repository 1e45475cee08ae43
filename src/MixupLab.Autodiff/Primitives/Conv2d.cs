using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>2-D convolution (cross-correlation, as PyTorch's <c>conv2d</c>) with square stride and padding.</summary>
    /// <remarks>See <see cref="Conv2d(Var, Var, Var?, ValueTuple{int, int}, ValueTuple{int, int})"/>.</remarks>
    public static Var Conv2d(Var x, Var weight, Var? bias = null, int stride = 1, int padding = 0) =>
        Conv2d(x, weight, bias, (stride, stride), (padding, padding));

    /// <summary>2-D convolution (cross-correlation, as PyTorch's <c>conv2d</c>) of a batch of images.</summary>
    /// <remarks>
    /// x <c>(N, C, H, W)</c>, weight <c>(O, C, kh, kw)</c>, bias <c>(O)</c> or null; result <c>(N, O, Ho, Wo)</c> with
    /// Ho = (H + 2·ph − kh)/sh + 1 (floor), likewise Wo, and
    /// y[n, o, i, j] = bias[o] + Σ_{c, a, b} weight[o, c, a, b] · x[n, c, i·sh − ph + a, j·sw − pw + b] (zero outside x).
    /// Gradients: dx = transposed convolution of g with weight, dweight = Σ_n g ⋆ x, dbias = Σ_{n, i, j} g.
    /// The backward rule uses raw kernels (<see cref="Node.SupportsCreateGraph"/> is false).
    /// </remarks>
    /// <param name="x">Images <c>(N, C, H, W)</c>.</param>
    /// <param name="weight">Filters <c>(O, C, kh, kw)</c>.</param>
    /// <param name="bias">Per-filter bias <c>(O)</c>, or null.</param>
    /// <param name="stride">(vertical, horizontal) stride, each at least 1.</param>
    /// <param name="padding">(rows, columns) of zero padding on each side.</param>
    public static Var Conv2d(Var x, Var weight, Var? bias, (int H, int W) stride, (int H, int W) padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        RequireImages(x, nameof(Conv2d), nameof(x));
        if (weight.Shape.Length != 4)
        {
            throw new ArgumentException($"Conv2d: weight must be (O, C, kh, kw); got shape {ShapeHelper.Format(weight.Shape)}.", nameof(weight));
        }

        if (weight.Dim(1) != x.Dim(1))
        {
            throw new ArgumentException(
                $"Conv2d: input x has shape {ShapeHelper.Format(x.Shape)} with {x.Dim(1)} channels, but weight {ShapeHelper.Format(weight.Shape)} expects {weight.Dim(1)} input channels.",
                nameof(weight));
        }

        if (bias is not null && (bias.Shape.Length != 1 || bias.Dim(0) != weight.Dim(0)))
        {
            throw new ArgumentException(
                $"Conv2d: bias must have shape ({weight.Dim(0)}) for weight {ShapeHelper.Format(weight.Shape)}; got {ShapeHelper.Format(bias.Shape)}.", nameof(bias));
        }

        var g = Geometry(nameof(Conv2d), x, weight.Dim(0), (weight.Dim(2), weight.Dim(3)), stride, padding);
        var result = Tensor.Empty(g.OutputShape);
        Conv2dKernels.Forward(x.Value.Data, weight.Value.Data, bias?.Value.Data, result.Data, g);
        bool record = bias is null ? Var.NeedsGrad(x, weight) : Var.NeedsGrad(x, weight, bias);
        return Var.FromOp(result, record ? new Conv2dNode(x, weight, bias, g) : null);
    }

    private static void RequireImages(Var x, string op, string argument)
    {
        if (x.Shape.Length != 4)
        {
            throw new ArgumentException($"{op}: {argument} must be images (N, C, H, W); got shape {ShapeHelper.Format(x.Shape)}.", argument);
        }
    }

    private static Conv2dGeometry Geometry(string op, Var x, int outChannels, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding)
    {
        try
        {
            return new Conv2dGeometry(x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3), outChannels, kernel.H, kernel.W, stride.H, stride.W, padding.H, padding.W);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{op}: input x of shape {ShapeHelper.Format(x.Shape)}: {e.Message}", nameof(x), e);
        }
    }

    private sealed class Conv2dNode : Node
    {
        private readonly Var _x;
        private readonly Var _weight;
        private readonly Var? _bias;
        private readonly Conv2dGeometry _geometry;

        public Conv2dNode(Var x, Var weight, Var? bias, Conv2dGeometry geometry)
            : base(bias is null ? [x, weight] : [x, weight, bias])
        {
            _x = x;
            _weight = weight;
            _bias = bias;
            _geometry = geometry;
        }

        public override bool SupportsCreateGraph => false;

        public override Var?[] Backward(Var gradOutput)
        {
            var dx = NeedsInputGrad(0) ? Tensor.Empty(_x.Shape) : null;
            var dw = NeedsInputGrad(1) ? Tensor.Empty(_weight.Shape) : null;
            var db = _bias is not null && NeedsInputGrad(2) ? Tensor.Empty(_bias.Shape) : null;
            Conv2dKernels.Backward(_x.Value.Data, _weight.Value.Data, gradOutput.Value.Data, dx?.Data, dw?.Data, db?.Data, _geometry);
            var grads = new Var?[_bias is null ? 2 : 3];
            grads[0] = dx is null ? null : new Var(dx);
            grads[1] = dw is null ? null : new Var(dw);
            if (_bias is not null)
            {
                grads[2] = db is null ? null : new Var(db);
            }

            return grads;
        }
    }
}
