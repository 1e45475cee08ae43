using MixupLab.Tensors;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>The same elements in a new shape of equal element count; one dimension may be −1 (inferred).</summary>
    /// <remarks>d/da = Reshape(g, shape(a)). Returns <paramref name="a"/> itself when the shape is unchanged.</remarks>
    public static Var Reshape(Var a, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(shape);
        int[] resolved;
        try
        {
            resolved = ShapeHelper.ResolveReshape(a.Shape, shape);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Cannot reshape {ShapeHelper.Format(a.Shape)} ({a.Length} elements) to {ShapeHelper.Format(shape)}.", nameof(shape), ex);
        }

        if (ShapeHelper.SameShape(resolved, a.Shape))
        {
            return a;
        }

        var result = a.Value.Reshape(resolved);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new ReshapeNode(a) : null);
    }

    private sealed class ReshapeNode(Var a) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [Reshape(gradOutput, a.Shape)];
    }
}
