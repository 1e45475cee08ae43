using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Affine map x·Wᵀ + b with the weight stored (out, in) as in PyTorch, the bias add fused into the GEMM.</summary>
    /// <remarks>
    /// Shapes: x (N, in), weight (out, in), bias (out) → (N, out).
    /// Gradients: d/dx = g·W = MatMul(g, W), d/dW = gᵀ·x = MatMul(g, x, transposeA: true),
    /// d/db = Σ_rows g = SumToShape(g, (out)); all differentiable again.
    /// </remarks>
    public static Var Linear(Var x, Var weight, Var? bias = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        RequireRank(x, 2, nameof(x), "(N, in)");
        RequireRank(weight, 2, nameof(weight), "(out, in)");
        int n = x.Shape[0];
        int inFeatures = x.Shape[1];
        int outFeatures = weight.Shape[0];
        if (weight.Shape[1] != inFeatures)
        {
            throw new ArgumentException($"Linear weight {ShapeHelper.Format(weight.Shape)} expects {weight.Shape[1]} input features, x {ShapeHelper.Format(x.Shape)} has {inFeatures}.", nameof(weight));
        }

        if (bias is not null && (bias.Shape.Length != 1 || bias.Shape[0] != outFeatures))
        {
            throw new ArgumentException($"Linear bias must have shape ({outFeatures}), got {ShapeHelper.Format(bias.Shape)}.", nameof(bias));
        }

        var result = Tensor.Empty(n, outFeatures);
        var y = result.Span;
        if (bias is not null)
        {
            var b = bias.Value.Span;
            for (int i = 0; i < n; i++)
            {
                b.CopyTo(y.Slice(i * outFeatures, outFeatures));
            }
        }

        Gemm.Multiply(x.Value.Span, weight.Value.Span, y, n, outFeatures, inFeatures, transposeA: false, transposeB: true, alpha: 1f, beta: bias is null ? 0f : 1f);
        var node = Var.NeedsGrad(x, weight, bias) ? (bias is null ? new LinearNode(x, weight) : new LinearNode(x, weight, bias)) : null;
        return Var.FromOp(result, node);
    }

    private sealed class LinearNode(params Var[] inputs) : Node(inputs)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            var x = Inputs[0];
            var weight = Inputs[1];
            var grads = new Var?[Inputs.Count];
            if (NeedsInputGrad(0))
            {
                grads[0] = MatMul(gradOutput, weight);
            }

            if (NeedsInputGrad(1))
            {
                grads[1] = MatMul(gradOutput, x, transposeA: true);
            }

            if (Inputs.Count > 2 && NeedsInputGrad(2))
            {
                grads[2] = SumToShape(gradOutput, Inputs[2].Shape);
            }

            return grads;
        }
    }
}
