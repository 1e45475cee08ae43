namespace MixupLab.Tensors;

/// <summary>Process-wide engine settings: the number of worker threads kernels may use.</summary>
/// <remarks>Kernels split work by a partition that depends only on the problem size and
/// <see cref="Threads"/>, so the same thread count always gives the same bits.</remarks>
public static class Engine
{
    private static int _threads = Environment.ProcessorCount;

    [ThreadStatic]
    private static bool _insideParallelFor;

    /// <summary>Worker threads for kernels (default: the processor count); at least 1.</summary>
    public static int Threads
    {
        get => _threads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _threads = value;
        }
    }

    /// <summary>Whether the current thread is running the body of a parallel <see cref="ParallelFor"/>.</summary>
    public static bool IsInsideParallelFor => _insideParallelFor;

    /// <summary>Runs <paramref name="body"/> for each chunk index in [0, <paramref name="chunks"/>) on up to
    /// <see cref="Threads"/> threads; runs inline when there is one chunk or one thread.</summary>
    /// <remarks>A call nested inside the body of a parallel call runs inline too: a kernel that already
    /// splits a batch over the threads (convolution) can call another parallel kernel (GEMM) per chunk
    /// without oversubscribing the cores.</remarks>
    public static void ParallelFor(int chunks, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (chunks <= 0)
        {
            return;
        }

        if (chunks == 1 || _threads == 1 || _insideParallelFor)
        {
            for (int i = 0; i < chunks; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            bool outer = _insideParallelFor;
            _insideParallelFor = true;
            try
            {
                body(i);
            }
            finally
            {
                _insideParallelFor = outer;
            }
        });
    }
}
