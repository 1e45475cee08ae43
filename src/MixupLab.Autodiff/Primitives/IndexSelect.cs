using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Rows of <paramref name="a"/> along axis 0: output row i = a[indices[i]] (indices may repeat).</summary>
    /// <remarks>Shapes: a (R, …), indices (M) → (M, …). d/da = IndexAdd(0, indices, g) (repeated rows accumulate).</remarks>
    public static Var IndexSelect(Var a, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(indices);
        if (a.Shape.Length == 0)
        {
            throw new ArgumentException("IndexSelect needs a tensor of rank ≥ 1, got a rank-0 tensor.", nameof(a));
        }

        CheckRowIndices(indices, a.Shape[0], nameof(indices));
        var shape = (int[])a.Shape.Clone();
        shape[0] = indices.Length;
        var result = Tensor.Empty(shape);
        ShapeKernels.GatherRows(a.Value.Span, RowLength(a.Shape), indices, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new IndexSelectNode(a, indices) : null);
    }

    private static int RowLength(int[] shape) => ShapeHelper.Product(shape.AsSpan(1));

    private static void CheckRowIndices(int[] indices, int rows, string paramName)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(paramName, $"{paramName}[{i}] = {indices[i]} is outside [0, {rows}).");
            }
        }
    }

    private sealed class IndexSelectNode(Var a, int[] indices) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [IndexAdd(new Var(Tensor.Zeros(a.Shape)), indices, gradOutput)];
    }
}
