using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Joins <paramref name="parts"/> along <paramref name="axis"/>; all other dimensions must agree.</summary>
    /// <remarks>d/d(part i) = Narrow(g, axis, offset_i, size_i).</remarks>
    public static Var Concat(IReadOnlyList<Var> parts, int axis)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one part.", nameof(parts));
        }

        var first = parts[0].Shape;
        int ax = AxisSplit.Normalize(axis, first.Length);
        var offsets = new int[parts.Count];
        int total = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            var s = parts[i].Shape;
            bool compatible = s.Length == first.Length;
            for (int d = 0; compatible && d < s.Length; d++)
            {
                compatible = d == ax || s[d] == first[d];
            }

            if (!compatible)
            {
                throw new ArgumentException($"Concat along axis {axis}: part {i} has shape {ShapeHelper.Format(s)}, incompatible with part 0's {ShapeHelper.Format(first)}.", nameof(parts));
            }

            offsets[i] = total;
            total += s[ax];
        }

        var shape = (int[])first.Clone();
        shape[ax] = total;
        var result = Tensor.Empty(shape);
        for (int i = 0; i < parts.Count; i++)
        {
            ShapeKernels.CopyIntoAxis(parts[i].Value.Span, AxisSplit.Of(parts[i].Shape, ax), result.Span, total, offsets[i]);
        }

        var inputs = parts.ToArray();
        return Var.FromOp(result, Var.NeedsGrad(inputs) ? new ConcatNode(inputs, ax, offsets) : null);
    }

    private sealed class ConcatNode(Var[] parts, int axis, int[] offsets) : Node(parts)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            var grads = new Var?[Inputs.Count];
            for (int i = 0; i < grads.Length; i++)
            {
                if (NeedsInputGrad(i))
                {
                    grads[i] = Narrow(gradOutput, axis, offsets[i], Inputs[i].Shape[axis]);
                }
            }

            return grads;
        }
    }
}
