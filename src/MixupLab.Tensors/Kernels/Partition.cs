namespace MixupLab.Tensors.Kernels;

/// <summary>Splits a kernel's independent work items into chunks that depend only on the problem size and
/// <see cref="Engine.Threads"/>, so results are reproducible; small problems stay on the calling thread.</summary>
internal static class Partition
{
    /// <summary>Minimum work (roughly, elements touched) per chunk before a second thread pays off.</summary>
    public const long Grain = 1 << 16;

    /// <summary>Runs <paramref name="body"/>(start, count) over [0, <paramref name="items"/>) in chunks of at
    /// least <see cref="Grain"/> work, where one item costs <paramref name="workPerItem"/>.</summary>
    public static void For(int items, long workPerItem, Action<int, int> body)
    {
        long work = items * Math.Max(1, workPerItem);
        int threads = Engine.Threads;
        int chunks = threads == 1 || work < 2 * Grain ? 1 : (int)Math.Min(Math.Min(threads, work / Grain), items);
        if (chunks <= 1)
        {
            body(0, items);
            return;
        }

        Engine.ParallelFor(chunks, c =>
        {
            int start = (int)((long)items * c / chunks);
            int end = (int)((long)items * (c + 1) / chunks);
            body(start, end - start);
        });
    }
}
