namespace MixupLab.Tensors;

/// <summary>A contiguous shape viewed as <c>(Outer, Size, Inner)</c> around one axis: the layout every
/// axis-wise kernel (reductions, softmax, concatenation) works on.</summary>
/// <param name="Outer">Product of the dimensions before the axis.</param>
/// <param name="Size">Size of the axis.</param>
/// <param name="Inner">Product of the dimensions after the axis (the stride of the axis).</param>
public readonly record struct AxisSplit(int Outer, int Size, int Inner)
{
    /// <summary>Splits <paramref name="shape"/> around <paramref name="axis"/> (negative counts from the end).</summary>
    public static AxisSplit Of(ReadOnlySpan<int> shape, int axis)
    {
        int a = Normalize(axis, shape.Length);
        return new AxisSplit(ShapeHelper.Product(shape[..a]), shape[a], ShapeHelper.Product(shape[(a + 1)..]));
    }

    /// <summary>The non-negative axis index; throws a clear message when <paramref name="axis"/> is out of range for <paramref name="rank"/>.</summary>
    public static int Normalize(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} is out of range for a tensor of rank {rank} (expected {-rank} to {rank - 1}).");
        }

        return a;
    }

    /// <summary>The shape after reducing <paramref name="axis"/>: the axis removed, or kept with size 1.</summary>
    public static int[] ReducedShape(ReadOnlySpan<int> shape, int axis, bool keepDim)
    {
        int a = Normalize(axis, shape.Length);
        if (keepDim)
        {
            var kept = shape.ToArray();
            kept[a] = 1;
            return kept;
        }

        var result = new int[shape.Length - 1];
        shape[..a].CopyTo(result);
        shape[(a + 1)..].CopyTo(result.AsSpan(a));
        return result;
    }
}
