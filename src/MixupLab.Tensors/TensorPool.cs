namespace MixupLab.Tensors;

/// <summary>A thread-safe pool of float arrays bucketed by exact length, so that a training step whose
/// shapes repeat allocates nothing once warm.</summary>
public sealed class TensorPool
{
    private readonly Dictionary<int, Stack<float[]>> _buckets = [];
    private readonly Lock _lock = new();
    private long _allocatedBytes;

    /// <summary>The pool every <see cref="Tensor"/> uses.</summary>
    public static TensorPool Shared { get; } = new();

    /// <summary>Bytes of new arrays allocated because no pooled array fitted (for benchmarks).</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>Rents an array of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public float[] Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (_lock)
        {
            if (_buckets.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                return stack.Pop();
            }
        }

        Interlocked.Add(ref _allocatedBytes, (long)length * sizeof(float));
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Returns an array obtained from <see cref="Rent"/>.</summary>
    public void Return(float[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        lock (_lock)
        {
            if (!_buckets.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<float[]>();
                _buckets[array.Length] = stack;
            }

            stack.Push(array);
        }
    }

    /// <summary>Drops every pooled array (memory is reclaimed by the GC).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _buckets.Clear();
        }
    }
}
