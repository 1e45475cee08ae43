using System.Runtime.CompilerServices;

namespace MixupLab.Tensors;

/// <summary>A dense, contiguous, row-major float32 tensor whose storage comes from <see cref="TensorPool"/>.</summary>
/// <remarks>
/// Tensors are always contiguous: transposition, slicing and broadcasting produce new tensors.
/// Storage is rented from the pool; <see cref="Dispose"/> returns it, after which any access throws
/// <see cref="ObjectDisposedException"/>. Tensors created while a <see cref="TensorScope"/> is active
/// are returned when the scope ends unless <see cref="TensorScope.Keep"/> is called for them.
/// </remarks>
public sealed class Tensor : IDisposable
{
    private float[]? _data;
    private readonly int[] _shape;

    private Tensor(float[] data, int[] shape, int length)
    {
        _data = data;
        _shape = shape;
        Length = length;
    }

    /// <summary>Number of elements (the product of the shape).</summary>
    public int Length { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The shape; do not mutate the returned array.</summary>
    public int[] Shape => _shape;

    /// <summary>Whether the storage was returned to the pool.</summary>
    public bool IsDisposed => _data is null;

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[axis < 0 ? axis + _shape.Length : axis];

    /// <summary>The underlying array (may be longer than <see cref="Length"/>); for kernels that need an array.</summary>
    public float[] Data
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _data ?? throw new ObjectDisposedException(nameof(Tensor), "This tensor's storage was returned to the pool.");
    }

    /// <summary>The elements as a span of exactly <see cref="Length"/> floats.</summary>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Data.AsSpan(0, Length);
    }

    /// <summary>Element at a flat row-major index.</summary>
    public float this[int flatIndex]
    {
        get => Span[flatIndex];
        set => Span[flatIndex] = value;
    }

    /// <summary>Element at a multi-dimensional index.</summary>
    public float this[params int[] index]
    {
        get => Span[FlatIndex(index)];
        set => Span[FlatIndex(index)] = value;
    }

    /// <summary>An uninitialised tensor rented from the pool (registered with the active scope).</summary>
    public static Tensor Empty(params int[] shape)
    {
        int length = ShapeHelper.Product(shape);
        var t = new Tensor(TensorPool.Shared.Rent(length), (int[])shape.Clone(), length);
        TensorScope.Current?.Track(t);
        return t;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape)
    {
        var t = Empty(shape);
        t.Span.Clear();
        return t;
    }

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Empty(shape);
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor Scalar(float value) => Full(value);

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        int length = ShapeHelper.Product(shape);
        if (values.Length != length)
        {
            throw new ArgumentException($"{values.Length} values do not fill shape {ShapeHelper.Format(shape)} ({length} elements).", nameof(values));
        }

        var t = Empty(shape);
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>A copy with the same shape.</summary>
    public Tensor Clone()
    {
        var t = Empty(_shape);
        Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>A copy with a new shape of the same element count; one dimension may be -1.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var resolved = ShapeHelper.ResolveReshape(_shape, shape);
        var t = Empty(resolved);
        Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public float ToScalar()
    {
        if (Length != 1)
        {
            throw new InvalidOperationException($"ToScalar() needs a one-element tensor, not shape {ShapeHelper.Format(_shape)}.");
        }

        return Span[0];
    }

    /// <summary>A new array holding the elements.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>Returns the storage to the pool. Idempotent.</summary>
    public void Dispose()
    {
        var data = _data;
        if (data is null)
        {
            return;
        }

        _data = null;
        TensorPool.Shared.Return(data);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tensor{ShapeHelper.Format(_shape)}";

    private int FlatIndex(int[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of rank {_shape.Length}.", nameof(index));
        }

        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[i]} out of range for dimension {i} of size {_shape[i]}.");
            }

            flat = (flat * _shape[i]) + index[i];
        }

        return flat;
    }
}
