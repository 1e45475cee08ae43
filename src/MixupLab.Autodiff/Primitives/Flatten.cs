using MixupLab.Tensors;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Merges dimensions <paramref name="startDim"/>… into one: (N, C, H, W) → (N, C·H·W) for startDim = 1.</summary>
    /// <remarks>A <see cref="Reshape"/>, so d/da = Reshape(g, shape(a)).</remarks>
    public static Var Flatten(Var a, int startDim = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        int rank = a.Shape.Length;
        if (startDim < 0 || startDim >= Math.Max(rank, 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startDim), startDim, $"Flatten start dimension must be in [0, {rank}) for shape {ShapeHelper.Format(a.Shape)}.");
        }

        if (rank == 0)
        {
            return Reshape(a, 1);
        }

        var shape = new int[startDim + 1];
        a.Shape.AsSpan(0, startDim).CopyTo(shape);
        shape[startDim] = ShapeHelper.Product(a.Shape.AsSpan(startDim));
        return Reshape(a, shape);
    }
}
