using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Reductions and normalisations along one axis: sum, max with argmax, log-sum-exp, softmax and
/// log-softmax, plus row argmax for accuracy.</summary>
/// <remarks>
/// Every kernel sees its input as <c>(outer, size, inner)</c> (<see cref="AxisSplit"/>) and reduces the middle
/// dimension. With inner = 1 each row is contiguous and TensorPrimitives reduces it; otherwise the
/// <c>size</c> slices of length <c>inner</c> are combined elementwise, which vectorises along inner.
/// The summation order never depends on threads: tensor forms split only the outer dimension.
/// log-sum-exp and the softmax family subtract the maximum first, so large logits do not overflow.
/// </remarks>
public static class ReductionKernels
{
    private delegate void AxisKernel(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination);

    private delegate void AxisBackwardKernel(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, AxisSplit split, Span<float> destination);

    /// <summary>Sums <paramref name="x"/> along <paramref name="axis"/>; destination has outer·inner elements.</summary>
    public static void Sum(Tensor x, int axis, Tensor destination) => Run(x, axis, destination, reduces: true, Sum);

    /// <summary>log Σ exp along <paramref name="axis"/>; destination has outer·inner elements.</summary>
    public static void LogSumExp(Tensor x, int axis, Tensor destination) => Run(x, axis, destination, reduces: true, LogSumExp);

    /// <summary>Softmax along <paramref name="axis"/>; destination has the shape of x.</summary>
    public static void Softmax(Tensor x, int axis, Tensor destination) => Run(x, axis, destination, reduces: false, Softmax);

    /// <summary>Log-softmax along <paramref name="axis"/>; destination has the shape of x.</summary>
    public static void LogSoftmax(Tensor x, int axis, Tensor destination) => Run(x, axis, destination, reduces: false, LogSoftmax);

    /// <summary>Sum along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void Sum(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * size * inner, size * inner);
            var d = destination.Slice(o * inner, inner);
            if (inner == 1)
            {
                d[0] = TensorPrimitives.Sum(block);
                continue;
            }

            d.Clear();
            for (int j = 0; j < size; j++)
            {
                TensorPrimitives.Add(d, block.Slice(j * inner, inner), d);
            }
        }
    }

    /// <summary>Repeats g <c>(outer, inner)</c> along a new middle dimension: destination <c>(outer, size, inner)</c>,
    /// the adjoint of <see cref="Sum(Tensor, int, Tensor)"/> (its backward).</summary>
    public static void Expand(Tensor gradient, int axis, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(destination);
        var split = AxisSplit.Of(destination.Shape, axis);
        if (gradient.Length != split.Outer * split.Inner)
        {
            throw new ArgumentException($"Gradient has {gradient.Length} elements, expected {split.Outer * split.Inner} to expand to {ShapeHelper.Format(destination.Shape)} along axis {axis}.", nameof(gradient));
        }

        var ga = gradient.Data;
        var da = destination.Data;
        int block = split.Size * split.Inner;
        Partition.For(split.Outer, block, (start, count) =>
            Expand(ga.AsSpan(start * split.Inner, count * split.Inner), split with { Outer = count }, da.AsSpan(start * block, count * block)));
    }

    /// <summary>destination[o, j, i] = g[o, i] for every j: the adjoint of the sum along the middle dimension.</summary>
    public static void Expand(ReadOnlySpan<float> gradient, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        for (int o = 0; o < outer; o++)
        {
            var d = destination.Slice(o * size * inner, size * inner);
            if (inner == 1)
            {
                d.Fill(gradient[o]);
                continue;
            }

            var g = gradient.Slice(o * inner, inner);
            for (int j = 0; j < size; j++)
            {
                g.CopyTo(d.Slice(j * inner, inner));
            }
        }
    }

    /// <summary>Maximum along the middle dimension of <c>(outer, size, inner)</c> and the index of its first occurrence.</summary>
    public static void Max(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination, Span<int> argMax)
    {
        var (outer, size, inner) = split;
        if (size == 0)
        {
            throw new ArgumentException("Max over an empty axis is undefined.", nameof(split));
        }

        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * size * inner, size * inner);
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                float bestValue = block[i];
                for (int j = 1; j < size; j++)
                {
                    float v = block[(j * inner) + i];
                    if (v > bestValue)
                    {
                        best = j;
                        bestValue = v;
                    }
                }

                destination[(o * inner) + i] = bestValue;
                argMax[(o * inner) + i] = best;
            }
        }
    }

    /// <summary>destination (outer, size, inner) = 0 except destination[o, index[o, i], i] = g[o, i]: the adjoint of <see cref="Gather"/>.</summary>
    public static void Scatter(ReadOnlySpan<float> gradient, ReadOnlySpan<int> indices, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        destination[..(outer * size * inner)].Clear();
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int k = (o * inner) + i;
                destination[(((o * size) + indices[k]) * inner) + i] = gradient[k];
            }
        }
    }

    /// <summary>destination[o, i] = x[o, index[o, i], i] for x seen as (outer, size, inner).</summary>
    public static void Gather(ReadOnlySpan<float> x, ReadOnlySpan<int> indices, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int k = (o * inner) + i;
                destination[k] = x[(((o * size) + indices[k]) * inner) + i];
            }
        }
    }

    /// <summary>max + log Σ exp(x − max) along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void LogSumExp(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        var scratch = ArrayPool<float>.Shared.Rent(inner == 1 ? size : 2 * inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                var block = x.Slice(o * size * inner, size * inner);
                var d = destination.Slice(o * inner, inner);
                if (inner == 1)
                {
                    float m = MaxOrZero(block);
                    var t = scratch.AsSpan(0, size);
                    TensorPrimitives.Subtract(block, m, t);
                    TensorPrimitives.Exp(t, t);
                    d[0] = m + MathF.Log(TensorPrimitives.Sum(t));
                    continue;
                }

                var max = scratch.AsSpan(0, inner);
                var tmp = scratch.AsSpan(inner, inner);
                BlockMax(block, size, inner, max);
                d.Clear();
                for (int j = 0; j < size; j++)
                {
                    TensorPrimitives.Subtract(block.Slice(j * inner, inner), max, tmp);
                    TensorPrimitives.Exp(tmp, tmp);
                    TensorPrimitives.Add(d, tmp, d);
                }

                TensorPrimitives.Log(d, d);
                TensorPrimitives.Add(d, max, d);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>exp(x − max) / Σ exp(x − max) along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void Softmax(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        var scratch = ArrayPool<float>.Shared.Rent(2 * inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                var block = x.Slice(o * size * inner, size * inner);
                var d = destination.Slice(o * size * inner, size * inner);
                if (inner == 1)
                {
                    TensorPrimitives.Subtract(block, MaxOrZero(block), d);
                    TensorPrimitives.Exp(d, d);
                    TensorPrimitives.Divide(d, TensorPrimitives.Sum(d), d);
                    continue;
                }

                var max = scratch.AsSpan(0, inner);
                var sum = scratch.AsSpan(inner, inner);
                BlockMax(block, size, inner, max);
                sum.Clear();
                for (int j = 0; j < size; j++)
                {
                    var dj = d.Slice(j * inner, inner);
                    TensorPrimitives.Subtract(block.Slice(j * inner, inner), max, dj);
                    TensorPrimitives.Exp(dj, dj);
                    TensorPrimitives.Add(sum, dj, sum);
                }

                for (int j = 0; j < size; j++)
                {
                    var dj = d.Slice(j * inner, inner);
                    TensorPrimitives.Divide(dj, sum, dj);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>x − max − log Σ exp(x − max) along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> x, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        var scratch = ArrayPool<float>.Shared.Rent(2 * inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                var block = x.Slice(o * size * inner, size * inner);
                var d = destination.Slice(o * size * inner, size * inner);
                if (inner == 1)
                {
                    float m = MaxOrZero(block);
                    TensorPrimitives.Subtract(block, m, d);
                    TensorPrimitives.Exp(d, d);
                    float logSum = m + MathF.Log(TensorPrimitives.Sum(d));
                    TensorPrimitives.Subtract(block, logSum, d);
                    continue;
                }

                var lse = scratch.AsSpan(0, inner);
                LogSumExp(block, new AxisSplit(1, size, inner), lse);
                for (int j = 0; j < size; j++)
                {
                    TensorPrimitives.Subtract(block.Slice(j * inner, inner), lse, d.Slice(j * inner, inner));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Softmax backward along <paramref name="axis"/>: destination = y·(g − Σ_axis g·y), with y the softmax output.</summary>
    public static void SoftmaxBackward(Tensor output, Tensor gradient, int axis, Tensor destination) =>
        RunBackward(output, gradient, axis, destination, SoftmaxBackward);

    /// <summary>Log-softmax backward along <paramref name="axis"/>: destination = g − exp(y)·Σ_axis g, with y the log-softmax output.</summary>
    public static void LogSoftmaxBackward(Tensor output, Tensor gradient, int axis, Tensor destination) =>
        RunBackward(output, gradient, axis, destination, LogSoftmaxBackward);

    /// <summary>destination = y·(g − Σ g·y) along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        var scratch = ArrayPool<float>.Shared.Rent(2 * inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                int off = o * size * inner;
                var y = output.Slice(off, size * inner);
                var g = gradient.Slice(off, size * inner);
                var d = destination.Slice(off, size * inner);
                if (inner == 1)
                {
                    float dot = TensorPrimitives.Dot(g, y);
                    TensorPrimitives.Subtract(g, dot, d);
                    TensorPrimitives.Multiply(d, y, d);
                    continue;
                }

                var dots = scratch.AsSpan(0, inner);
                var tmp = scratch.AsSpan(inner, inner);
                dots.Clear();
                for (int j = 0; j < size; j++)
                {
                    TensorPrimitives.Multiply(g.Slice(j * inner, inner), y.Slice(j * inner, inner), tmp);
                    TensorPrimitives.Add(dots, tmp, dots);
                }

                for (int j = 0; j < size; j++)
                {
                    var dj = d.Slice(j * inner, inner);
                    TensorPrimitives.Subtract(g.Slice(j * inner, inner), dots, dj);
                    TensorPrimitives.Multiply(dj, y.Slice(j * inner, inner), dj);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>destination = g − exp(y)·Σ g along the middle dimension of <c>(outer, size, inner)</c>.</summary>
    public static void LogSoftmaxBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, AxisSplit split, Span<float> destination)
    {
        var (outer, size, inner) = split;
        var scratch = ArrayPool<float>.Shared.Rent(inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                int off = o * size * inner;
                var y = output.Slice(off, size * inner);
                var g = gradient.Slice(off, size * inner);
                var d = destination.Slice(off, size * inner);
                if (inner == 1)
                {
                    float sum = TensorPrimitives.Sum(g);
                    TensorPrimitives.Exp(y, d);
                    TensorPrimitives.Multiply(d, -sum, d);
                    TensorPrimitives.Add(d, g, d);
                    continue;
                }

                var sums = scratch.AsSpan(0, inner);
                Sum(g, new AxisSplit(1, size, inner), sums);
                for (int j = 0; j < size; j++)
                {
                    var dj = d.Slice(j * inner, inner);
                    TensorPrimitives.Exp(y.Slice(j * inner, inner), dj);
                    TensorPrimitives.Multiply(dj, sums, dj);
                    TensorPrimitives.Subtract(g.Slice(j * inner, inner), dj, dj);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Index of the first maximum of each row of a (rows, cols) matrix (predicted classes for accuracy).</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> x, int rows, int cols, Span<int> destination)
    {
        if (cols <= 0 || x.Length < (long)rows * cols || destination.Length < rows)
        {
            throw new ArgumentException($"ArgMaxRows needs cols > 0, x of at least rows·cols = {(long)rows * cols} elements (got {x.Length}) and {rows} destinations (got {destination.Length}).");
        }

        for (int r = 0; r < rows; r++)
        {
            destination[r] = TensorPrimitives.IndexOfMax(x.Slice(r * cols, cols));
        }
    }

    /// <summary>Index of the first maximum of each row of a (N, K) tensor.</summary>
    public static int[] ArgMaxRows(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"ArgMaxRows expects a (N, K) tensor, got shape {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        var result = new int[x.Dim(0)];
        ArgMaxRows(x.Span, x.Dim(0), x.Dim(1), result);
        return result;
    }

    private static void BlockMax(ReadOnlySpan<float> block, int size, int inner, Span<float> max)
    {
        block[..inner].CopyTo(max);
        for (int j = 1; j < size; j++)
        {
            TensorPrimitives.Max(max, block.Slice(j * inner, inner), max);
        }

        // An all −∞ slice would give (−∞) − (−∞) = NaN; shifting by 0 there keeps exp at 0 and the result −∞.
        for (int i = 0; i < inner; i++)
        {
            if (float.IsNegativeInfinity(max[i]))
            {
                max[i] = 0f;
            }
        }
    }

    private static float MaxOrZero(ReadOnlySpan<float> row)
    {
        float m = TensorPrimitives.Max(row);
        return float.IsNegativeInfinity(m) ? 0f : m;
    }

    private static void RunBackward(Tensor output, Tensor gradient, int axis, Tensor destination, AxisBackwardKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(destination);
        if (gradient.Length != output.Length || destination.Length != output.Length)
        {
            throw new ArgumentException($"Output {ShapeHelper.Format(output.Shape)}, gradient {ShapeHelper.Format(gradient.Shape)} and destination {ShapeHelper.Format(destination.Shape)} must have equal sizes.", nameof(gradient));
        }

        var split = AxisSplit.Of(output.Shape, axis);
        if (output.Length == 0)
        {
            return;
        }

        var ya = output.Data;
        var ga = gradient.Data;
        var da = destination.Data;
        int block = split.Size * split.Inner;
        Partition.For(split.Outer, block, (start, count) =>
            kernel(ya.AsSpan(start * block, count * block), ga.AsSpan(start * block, count * block), split with { Outer = count }, da.AsSpan(start * block, count * block)));
    }

    private static void Run(Tensor x, int axis, Tensor destination, bool reduces, AxisKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
        var split = AxisSplit.Of(x.Shape, axis);
        int expected = reduces ? split.Outer * split.Inner : x.Length;
        if (destination.Length != expected)
        {
            throw new ArgumentException($"Destination has {destination.Length} elements, expected {expected} for input {ShapeHelper.Format(x.Shape)} along axis {axis}.", nameof(destination));
        }

        if (split.Size == 0 && reduces)
        {
            throw new ArgumentException($"Cannot reduce the empty axis {axis} of shape {ShapeHelper.Format(x.Shape)}.", nameof(axis));
        }

        if (x.Length == 0)
        {
            return;
        }

        var xa = x.Data;
        var da = destination.Data;
        int blockIn = split.Size * split.Inner;
        int blockOut = reduces ? split.Inner : blockIn;
        Partition.For(split.Outer, blockIn, (start, count) =>
            kernel(xa.AsSpan(start * blockIn, count * blockIn), split with { Outer = count }, da.AsSpan(start * blockOut, count * blockOut)));
    }
}
