using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Matrix product op(a)·op(b) of 2-D tensors, op(x) = xᵀ when its flag is set.</summary>
    /// <remarks>
    /// Shapes: op(a) (m, k), op(b) (k, n) → (m, n); a is stored (m, k), or (k, m) when transposed.
    /// Gradients, all MatMuls again (so differentiable): d/da = g·op(b)ᵀ, stored transposed as op(b)·gᵀ
    /// when <paramref name="transposeA"/>; d/db = op(a)ᵀ·g, stored transposed as gᵀ·op(a) when
    /// <paramref name="transposeB"/>.
    /// </remarks>
    public static Var MatMul(Var a, Var b, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireRank(a, 2, nameof(a), "a 2-D matrix");
        RequireRank(b, 2, nameof(b), "a 2-D matrix");
        int m = transposeA ? a.Shape[1] : a.Shape[0];
        int k = transposeA ? a.Shape[0] : a.Shape[1];
        int kb = transposeB ? b.Shape[1] : b.Shape[0];
        int n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb)
        {
            throw new ArgumentException(
                $"MatMul inner dimensions differ: op(a) is ({m}, {k}) from {ShapeHelper.Format(a.Shape)}{(transposeA ? "ᵀ" : string.Empty)}, op(b) is ({kb}, {n}) from {ShapeHelper.Format(b.Shape)}{(transposeB ? "ᵀ" : string.Empty)}.",
                nameof(b));
        }

        var result = Tensor.Empty(m, n);
        Gemm.Multiply(a.Value.Span, b.Value.Span, result.Span, m, n, k, transposeA, transposeB);
        return Var.FromOp(result, Var.NeedsGrad(a, b) ? new MatMulNode(a, b, transposeA, transposeB) : null);
    }

    private sealed class MatMulNode(Var a, Var b, bool transposeA, bool transposeB) : Node(a, b)
    {
        public override Var?[] Backward(Var gradOutput) =>
        [
            NeedsInputGrad(0) ? (transposeA ? MatMul(b, gradOutput, transposeB, true) : MatMul(gradOutput, b, false, !transposeB)) : null,
            NeedsInputGrad(1) ? (transposeB ? MatMul(gradOutput, a, true, transposeA) : MatMul(a, gradOutput, !transposeA, false)) : null,
        ];
    }
}
