using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Broadcasting elementwise kernels and the reduction that undoes a broadcast.</summary>
public static class BroadcastKernels
{
    /// <summary>destination = a + b with NumPy broadcasting; <paramref name="destination"/> has the broadcast shape.</summary>
    public static void Add(Tensor a, Tensor b, Tensor destination) => Binary<AddOp>(a, b, destination);

    /// <summary>destination = a · b with NumPy broadcasting.</summary>
    public static void Multiply(Tensor a, Tensor b, Tensor destination) => Binary<MultiplyOp>(a, b, destination);

    /// <summary>destination = a − b with NumPy broadcasting.</summary>
    public static void Subtract(Tensor a, Tensor b, Tensor destination) => Binary<SubtractOp>(a, b, destination);

    /// <summary>destination = a / b with NumPy broadcasting.</summary>
    public static void Divide(Tensor a, Tensor b, Tensor destination) => Binary<DivideOp>(a, b, destination);

    /// <summary>Applies a broadcasting binary operator; same-shape and scalar operands take vectorised paths.</summary>
    public static void Binary<TOp>(Tensor a, Tensor b, Tensor destination)
        where TOp : IBinaryOperator
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        var shape = ShapeHelper.Broadcast(a.Shape, b.Shape);
        if (!ShapeHelper.SameShape(shape, destination.Shape))
        {
            throw new ArgumentException($"Destination shape {ShapeHelper.Format(destination.Shape)} is not the broadcast shape {ShapeHelper.Format(shape)}.");
        }

        var d = destination.Span;
        if (a.Length == d.Length && b.Length == d.Length)
        {
            TOp.Apply(a.Span, b.Span, d);
            return;
        }

        if (b.Length == 1 && a.Length == d.Length)
        {
            TOp.Apply(a.Span, b.Span[0], d);
            return;
        }

        int rank = shape.Length;
        var sa = BroadcastStrides(a.Shape, shape);
        var sb = BroadcastStrides(b.Shape, shape);
        int inner = shape.Length == 0 ? 1 : shape[rank - 1];
        int outer = inner == 0 ? 0 : d.Length / inner;
        var av = a.Span;
        var bv = b.Span;
        var index = new int[rank];
        int ia = 0, ib = 0;
        int innerA = rank == 0 ? 0 : sa[rank - 1], innerB = rank == 0 ? 0 : sb[rank - 1];
        for (int o = 0; o < outer; o++)
        {
            var dRow = d.Slice(o * inner, inner);
            if (innerA == 1 && innerB == 1)
            {
                TOp.Apply(av.Slice(ia, inner), bv.Slice(ib, inner), dRow);
            }
            else if (innerA == 1 && innerB == 0)
            {
                TOp.Apply(av.Slice(ia, inner), bv[ib], dRow);
            }
            else
            {
                for (int i = 0; i < inner; i++)
                {
                    dRow[i] = TOp.Apply(av[ia + (i * innerA)], bv[ib + (i * innerB)]);
                }
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                ia += sa[axis];
                ib += sb[axis];
                if (index[axis] < shape[axis])
                {
                    break;
                }

                ia -= sa[axis] * shape[axis];
                ib -= sb[axis] * shape[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>Sums <paramref name="source"/> over the dimensions that broadcasting expanded, writing the
    /// result (shape <paramref name="destination"/>, broadcastable to the source shape).</summary>
    public static void SumToShape(Tensor source, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var shape = source.Shape;
        if (!ShapeHelper.SameShape(ShapeHelper.Broadcast(destination.Shape, shape), shape))
        {
            throw new ArgumentException($"Shape {ShapeHelper.Format(destination.Shape)} does not broadcast to {ShapeHelper.Format(shape)}.");
        }

        var d = destination.Span;
        var s = source.Span;
        if (d.Length == s.Length)
        {
            s.CopyTo(d);
            return;
        }

        if (d.Length == 1)
        {
            d[0] = TensorPrimitives.Sum(s);
            return;
        }

        d.Clear();
        int rank = shape.Length;
        var sd = BroadcastStrides(destination.Shape, shape);
        int inner = shape[rank - 1];
        int outer = inner == 0 ? 0 : s.Length / inner;
        int innerD = sd[rank - 1];
        var index = new int[rank];
        int id = 0;
        for (int o = 0; o < outer; o++)
        {
            var sRow = s.Slice(o * inner, inner);
            if (innerD == 1)
            {
                TensorPrimitives.Add(d.Slice(id, inner), sRow, d.Slice(id, inner));
            }
            else
            {
                d[id] += TensorPrimitives.Sum(sRow);
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                id += sd[axis];
                if (index[axis] < shape[axis])
                {
                    break;
                }

                id -= sd[axis] * shape[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>Strides of <paramref name="shape"/> viewed in the broadcast <paramref name="target"/> shape (0 where broadcast).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        var strides = ShapeHelper.Strides(shape);
        var result = new int[target.Length];
        int offset = target.Length - shape.Length;
        for (int i = 0; i < target.Length; i++)
        {
            int j = i - offset;
            result[i] = j < 0 || shape[j] == 1 ? 0 : strides[j];
        }

        return result;
    }
}
