using MixupLab.Tensors;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Mean squared error: (prediction − target)² elementwise, then reduced.</summary>
    /// <remarks>Shapes: equal (any shape) → rank 0 (Mean over all elements, Sum) or the input shape (None).
    /// Composed of <see cref="Subtract"/> and <see cref="Square"/>, so d/dp = 2g·(p − t) and it is differentiable again.</remarks>
    public static Var MseLoss(Var prediction, Var target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!ShapeHelper.SameShape(prediction.Shape, target.Shape))
        {
            throw new ArgumentException($"Target must have the prediction's shape {ShapeHelper.Format(prediction.Shape)}, got {ShapeHelper.Format(target.Shape)}.", nameof(target));
        }

        return ReduceLoss(Square(Subtract(prediction, target)), reduction);
    }
}
