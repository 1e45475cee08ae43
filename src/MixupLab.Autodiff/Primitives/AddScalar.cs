using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Addition of a constant, a + s.</summary>
    /// <remarks>d/da = g.</remarks>
    public static Var AddScalar(Var a, float s)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        TensorPrimitives.Add(a.Value.Span, s, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new AddScalarNode(a) : null);
    }

    private sealed class AddScalarNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [gradOutput];
    }
}
