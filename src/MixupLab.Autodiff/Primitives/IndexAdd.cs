using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>A copy of <paramref name="a"/> with row indices[i] increased by source row i (along axis 0; repeats accumulate).</summary>
    /// <remarks>Shapes: a (R, …), indices (M), source (M, …) → (R, …). d/da = g, d/d(source) = IndexSelect(g, indices).</remarks>
    public static Var IndexAdd(Var a, int[] indices, Var source)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(source);
        if (a.Shape.Length == 0 || source.Shape.Length != a.Shape.Length || source.Shape[0] != indices.Length
            || !a.Shape.AsSpan(1).SequenceEqual(source.Shape.AsSpan(1)))
        {
            throw new ArgumentException($"IndexAdd into {ShapeHelper.Format(a.Shape)} with {indices.Length} indices needs source of shape ({indices.Length}, …rest of a), got {ShapeHelper.Format(source.Shape)}.", nameof(source));
        }

        CheckRowIndices(indices, a.Shape[0], nameof(indices));
        var result = a.Value.Clone();
        ShapeKernels.ScatterAddRows(source.Value.Span, RowLength(a.Shape), indices, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a, source) ? new IndexAddNode(a, indices, source) : null);
    }

    private sealed class IndexAddNode(Var a, int[] indices, Var source) : Node(a, source)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? gradOutput : null,
            NeedsInputGrad(1) ? IndexSelect(gradOutput, indices) : null,
        ];
    }
}
