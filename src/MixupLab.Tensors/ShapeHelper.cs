namespace MixupLab.Tensors;

/// <summary>Shape arithmetic: element counts, strides, broadcasting and reshape resolution.</summary>
public static class ShapeHelper
{
    /// <summary>Product of the dimensions (1 for rank 0); throws on negative dimensions or overflow.</summary>
    public static int Product(ReadOnlySpan<int> shape)
    {
        long p = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Negative dimension in shape {Format(shape)}.", nameof(shape));
            }

            p *= d;
            if (p > Array.MaxLength)
            {
                throw new ArgumentException($"Shape {Format(shape)} has more elements than an array can hold.", nameof(shape));
            }
        }

        return (int)p;
    }

    /// <summary>Row-major strides of a contiguous tensor.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= shape[i];
        }

        return s;
    }

    /// <summary>Whether two shapes are equal.</summary>
    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>The NumPy broadcast of two shapes; throws if they are incompatible.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes {Format(a)} and {Format(b)} cannot be broadcast together.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Resolves a reshape target that may contain one -1.</summary>
    public static int[] ResolveReshape(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        int total = Product(from);
        var result = to.ToArray();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"Reshape target {Format(to)} has more than one -1.");
                }

                inferred = i;
            }
            else
            {
                known *= result[i];
            }
        }

        if (inferred >= 0 && known > 0 && total % known == 0)
        {
            result[inferred] = (int)(total / known);
        }

        if (Product(result) != total || (inferred >= 0 && known == 0))
        {
            throw new ArgumentException($"Cannot reshape {Format(from)} ({total} elements) to {Format(to)}.");
        }

        return result;
    }

    /// <summary>Formats a shape as <c>(2, 3)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";
}
