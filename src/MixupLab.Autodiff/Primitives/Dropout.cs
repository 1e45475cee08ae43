using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Inverted dropout: in training each element is zeroed with probability <paramref name="p"/> and the
    /// survivors scaled by 1/(1 − p); in evaluation (or p = 0) the input is returned unchanged.</summary>
    /// <remarks>The mask draws one uniform per element from <paramref name="rng"/>, in order. d/da = g·mask
    /// (the mask is a constant), differentiable again.</remarks>
    public static Var Dropout(Var a, float p, bool training, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(p >= 0f && p < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability p must be in [0, 1).");
        }

        if (!training || p == 0f)
        {
            return a;
        }

        var mask = Tensor.Empty(a.Shape);
        DropoutKernels.FillMask(rng, p, mask.Span);
        var result = Tensor.Empty(a.Shape);
        DropoutKernels.Apply(a.Value.Span, mask.Span, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new DropoutNode(a, mask) : null);
    }

    private sealed class DropoutNode(Var a, Tensor mask) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Multiply(gradOutput, new Var(mask))];
    }
}
