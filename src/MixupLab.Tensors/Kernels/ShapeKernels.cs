using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Data movement for shape operations: permutation of axes, slicing and concatenation along an
/// axis, and row gather / scatter-add along axis 0.</summary>
/// <remarks>Slices are described as <c>(outer, size, inner)</c> around the axis (<see cref="AxisSplit"/>); rows
/// along axis 0 have <c>rowLength</c> = product of the remaining dimensions.</remarks>
public static class ShapeKernels
{
    /// <summary>destination = x with its axes reordered: destination dimension i is x dimension <paramref name="permutation"/>[i].</summary>
    public static void Permute(ReadOnlySpan<float> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> permutation, Span<float> destination)
    {
        int rank = shape.Length;
        if (permutation.Length != rank)
        {
            throw new ArgumentException($"Permutation of length {permutation.Length} for rank {rank}.", nameof(permutation));
        }

        int total = ShapeHelper.Product(shape);
        if (total == 0)
        {
            return;
        }

        if (rank == 0)
        {
            destination[0] = x[0];
            return;
        }

        var strides = ShapeHelper.Strides(shape);
        Span<int> outShape = stackalloc int[rank];
        Span<int> srcStride = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            outShape[i] = shape[permutation[i]];
            srcStride[i] = strides[permutation[i]];
        }

        // The last output axis is contiguous in the source when it is the source's last axis: copy runs.
        bool runs = permutation[rank - 1] == rank - 1;
        int inner = outShape[rank - 1];
        int innerStride = srcStride[rank - 1];
        Span<int> index = stackalloc int[rank];
        index.Clear();
        int src = 0;
        for (int dst = 0; dst < total; dst += inner)
        {
            if (runs)
            {
                x.Slice(src, inner).CopyTo(destination.Slice(dst, inner));
            }
            else
            {
                for (int i = 0, s = src; i < inner; i++, s += innerStride)
                {
                    destination[dst + i] = x[s];
                }
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                src += srcStride[axis];
                if (index[axis] < outShape[axis])
                {
                    break;
                }

                src -= srcStride[axis] * outShape[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>Copies x, seen as <c>(outer, size, inner)</c>, into the slots [offset, offset + size) of the
    /// middle dimension of destination, seen as <c>(outer, destinationSize, inner)</c> (concatenation).</summary>
    public static void CopyIntoAxis(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination, int destinationSize, int offset)
    {
        var (outer, size, inner) = split;
        if (offset < 0 || offset + size > destinationSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Slots [{offset}, {offset + size}) do not fit an axis of size {destinationSize}.");
        }

        int block = size * inner;
        for (int o = 0; o < outer; o++)
        {
            x.Slice(o * block, block).CopyTo(destination.Slice(((o * destinationSize) + offset) * inner, block));
        }
    }

    /// <summary>Copies the slots [start, start + length) of the middle dimension of x, seen as
    /// <c>(outer, size, inner)</c>, into destination <c>(outer, length, inner)</c> (narrowing).</summary>
    public static void Narrow(ReadOnlySpan<float> x, AxisSplit split, int start, int length, Span<float> destination)
    {
        var (outer, size, inner) = split;
        if (start < 0 || length < 0 || start + length > size)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slots [{start}, {start + length}) do not fit an axis of size {size}.");
        }

        int block = length * inner;
        for (int o = 0; o < outer; o++)
        {
            x.Slice(((o * size) + start) * inner, block).CopyTo(destination.Slice(o * block, block));
        }
    }

    /// <summary>destination row i = x row indices[i], rows of <paramref name="rowLength"/> elements.</summary>
    public static void GatherRows(ReadOnlySpan<float> x, int rowLength, ReadOnlySpan<int> indices, Span<float> destination)
    {
        int rows = rowLength == 0 ? 0 : x.Length / rowLength;
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"indices[{i}] = {r} is outside [0, {rows}).");
            }

            x.Slice(r * rowLength, rowLength).CopyTo(destination.Slice(i * rowLength, rowLength));
        }
    }

    /// <summary>destination row indices[i] += source row i (repeated indices accumulate, in order).</summary>
    public static void ScatterAddRows(ReadOnlySpan<float> source, int rowLength, ReadOnlySpan<int> indices, Span<float> destination)
    {
        int rows = rowLength == 0 ? 0 : destination.Length / rowLength;
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"indices[{i}] = {r} is outside [0, {rows}).");
            }

            var d = destination.Slice(r * rowLength, rowLength);
            TensorPrimitives.Add(d, source.Slice(i * rowLength, rowLength), d);
        }
    }
}
