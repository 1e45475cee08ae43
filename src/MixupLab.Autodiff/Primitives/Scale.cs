using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Multiplication by a constant, s · a.</summary>
    /// <remarks>d/da = s · g.</remarks>
    public static Var Scale(Var a, float s)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        TensorPrimitives.Multiply(a.Value.Span, s, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new ScaleNode(a, s) : null);
    }

    private sealed class ScaleNode(Var a, float s) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Scale(gradOutput, s)];
    }
}
