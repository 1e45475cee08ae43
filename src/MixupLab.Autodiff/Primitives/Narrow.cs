using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>The slice [start, start + length) of <paramref name="axis"/> (a copy).</summary>
    /// <remarks>d/da = g padded with zeros back to shape(a) along the axis, written as a <see cref="Concat"/> of
    /// constant zeros and g, so it is differentiable again.</remarks>
    public static Var Narrow(Var a, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = AxisSplit.Normalize(axis, a.Shape.Length);
        var split = AxisSplit.Of(a.Shape, ax);
        if (start < 0 || length < 0 || start + length > split.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow [{start}, {start + length}) does not fit axis {axis} of size {split.Size} in shape {ShapeHelper.Format(a.Shape)}.");
        }

        var shape = (int[])a.Shape.Clone();
        shape[ax] = length;
        var result = Tensor.Empty(shape);
        ShapeKernels.Narrow(a.Value.Span, split, start, length, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new NarrowNode(a, ax, start, length) : null);
    }

    private sealed class NarrowNode(Var a, int axis, int start, int length) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            var parts = new List<Var>(3);
            AddZeros(parts, start);
            parts.Add(gradOutput);
            AddZeros(parts, a.Shape[axis] - start - length);
            return [parts.Count == 1 ? gradOutput : Concat(parts, axis)];
        }

        private void AddZeros(List<Var> parts, int size)
        {
            if (size > 0)
            {
                var shape = (int[])a.Shape.Clone();
                shape[axis] = size;
                parts.Add(new Var(Tensor.Zeros(shape)));
            }
        }
    }
}
