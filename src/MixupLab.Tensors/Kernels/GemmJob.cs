using System.Runtime.ExceptionServices;

namespace MixupLab.Tensors.Kernels;

/// <summary>A multi-threaded <see cref="Gemm"/> call: C split into row or column chunks that the caller and
/// thread-pool workers claim one at a time.</summary>
/// <remarks>
/// The partition depends only on the problem size and <see cref="Engine.Threads"/>; which thread computes a
/// chunk does not change its bits. The caller always takes part, so the call finishes even when no pool
/// thread is free (e.g. when called from inside a parallel loop). A few job objects are cached per calling
/// thread; one is reused only once every worker queued for it has left, so the caller itself does not
/// allocate in steady state (the thread pool's queue may, a few dozen bytes per call).
/// </remarks>
internal sealed unsafe class GemmJob : IThreadPoolWorkItem
{
    private const int CacheSize = 4;

    [ThreadStatic]
    private static GemmJob?[]? _cached;

    private GemmProblem _problem;
    private bool _splitRows;
    private int _tiles;
    private int _tile;
    private int _chunks;
    private int _next;
    private int _pending;
    private int _parties;
    private Exception? _error;

    /// <summary>Runs <paramref name="problem"/> on <paramref name="threads"/> threads (caller included),
    /// splitting C into <paramref name="chunks"/> row chunks (<paramref name="splitRows"/>) or column chunks,
    /// each a whole number of micro-tiles.</summary>
    public static void Run(in GemmProblem problem, int threads, int chunks, bool splitRows)
    {
        GemmJob job = Acquire();

        job._problem = problem;
        job._splitRows = splitRows;
        job._tile = splitRows ? GemmDriver.TileRows(problem.Isa) : GemmDriver.TileCols(problem.Isa);
        int extent = splitRows ? problem.M : problem.N;
        job._tiles = (extent + job._tile - 1) / job._tile;
        job._chunks = chunks;
        job._next = 0;
        job._pending = chunks;
        job._error = null;
        int workers = Math.Min(threads, chunks) - 1;
        Volatile.Write(ref job._parties, workers + 1);
        for (int w = 0; w < workers; w++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.RunChunks();
        job.WaitForChunks();

        Exception? error = job._error;
        Interlocked.Decrement(ref job._parties);
        if (error is not null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    /// <summary>A cached job of the calling thread that no worker still holds (a queued worker may start after
    /// the caller has finished every chunk), or a new one replacing a busy cache slot.</summary>
    private static GemmJob Acquire()
    {
        GemmJob?[] cache = _cached ??= new GemmJob?[CacheSize];
        for (int i = 0; i < cache.Length; i++)
        {
            GemmJob? job = cache[i];
            if (job is null)
            {
                return cache[i] = new GemmJob();
            }

            if (Volatile.Read(ref job._parties) == 0)
            {
                return job;
            }
        }

        var fresh = new GemmJob();
        cache[Environment.TickCount & (CacheSize - 1)] = fresh;
        return fresh;
    }

    /// <inheritdoc/>
    public void Execute()
    {
        RunChunks();
        Interlocked.Decrement(ref _parties);
    }

    private void WaitForChunks()
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _pending) != 0 && !spin.NextSpinWillYield)
        {
            spin.SpinOnce();
        }

        if (Volatile.Read(ref _pending) != 0)
        {
            lock (this)
            {
                while (Volatile.Read(ref _pending) != 0)
                {
                    Monitor.Wait(this);
                }
            }
        }
    }

    private void RunChunks()
    {
        int c;
        while ((c = Interlocked.Increment(ref _next) - 1) < _chunks)
        {
            try
            {
                int start = (int)((long)_tiles * c / _chunks) * _tile;
                int end = (int)Math.Min((long)_tiles * (c + 1) / _chunks * _tile, _splitRows ? _problem.M : _problem.N);
                if (_splitRows)
                {
                    GemmDriver.Run(_problem, start, end, 0, _problem.N);
                }
                else
                {
                    GemmDriver.Run(_problem, 0, _problem.M, start, end);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                lock (this)
                {
                    Monitor.PulseAll(this);
                }
            }
        }
    }
}
