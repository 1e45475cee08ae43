using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Reorders the axes: output dimension i is input dimension <paramref name="dims"/>[i] (a copy).</summary>
    /// <remarks>d/da = Permute(g, inverse of dims).</remarks>
    public static Var Permute(Var a, params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(dims);
        int rank = a.Shape.Length;
        var perm = new int[rank];
        var seen = new bool[rank];
        if (dims.Length != rank)
        {
            throw new ArgumentException($"Permutation ({string.Join(", ", dims)}) has {dims.Length} entries for shape {ShapeHelper.Format(a.Shape)} of rank {rank}.", nameof(dims));
        }

        for (int i = 0; i < rank; i++)
        {
            int d = dims[i] < 0 ? dims[i] + rank : dims[i];
            if (d < 0 || d >= rank || seen[d])
            {
                throw new ArgumentException($"({string.Join(", ", dims)}) is not a permutation of the {rank} axes of shape {ShapeHelper.Format(a.Shape)}.", nameof(dims));
            }

            seen[d] = true;
            perm[i] = d;
        }

        var shape = new int[rank];
        var inverse = new int[rank];
        bool identity = true;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = a.Shape[perm[i]];
            inverse[perm[i]] = i;
            identity &= perm[i] == i;
        }

        if (identity)
        {
            return a;
        }

        var result = Tensor.Empty(shape);
        ShapeKernels.Permute(a.Value.Span, a.Shape, perm, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new PermuteNode(a, inverse) : null);
    }

    private sealed class PermuteNode(Var a, int[] inverse) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Permute(gradOutput, inverse)];
    }
}
