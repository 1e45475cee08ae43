using System.Collections;
using MixupLab.Tensors;

namespace MixupLab.Data;

/// <summary>Turns a dataset into shuffled, optionally augmented mini-batches, preparing the next batch in the background.</summary>
/// <remarks>
/// <para>Order: epoch e visits <c>RandomSource.Derive(seed, "loader/order/epoch-e").Permutation(N)</c> (or 0…N−1
/// without shuffling), cut into consecutive batches; the last partial batch is kept unless
/// <see cref="DataLoaderOptions.DropLast"/>. Augmentation draws for the epoch are made up front from
/// <see cref="ImageAugmentation.EpochStream"/>, one per position in that order. Filling a batch splits its
/// samples among threads, each sample written to its own slot, so the bits never depend on the thread count.</para>
/// <para>Copies: each element is written once, from the stored bytes (converted to byte / 255) or floats straight
/// into a pooled tensor of shape <c>(B, sample shape…)</c>, with crop and flip applied in that same pass.</para>
/// <para>Lifetime: a <see cref="Batch"/> is valid until the enumeration advances; its tensor then returns to the pool
/// (so at most two batch tensors circulate). Exceptions raised while preparing a batch in the background are
/// rethrown to the consumer by the <c>MoveNext</c> that would have returned that batch. Usage:
/// <c>foreach (var batch in loader.Epoch(e)) { … batch.Inputs, batch.Labels … }</c>.</para>
/// </remarks>
public sealed class DataLoader
{
    private readonly Dataset _dataset;
    private readonly DataLoaderOptions _options;
    private readonly AugmentationOptions _augmentation;

    /// <summary>A loader over <paramref name="dataset"/>.</summary>
    public DataLoader(Dataset dataset, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1.");
        }

        if (options.Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be 0 (engine default) or positive.");
        }

        _augmentation = options.Augmentation ?? AugmentationOptions.None;
        if (_augmentation.Enabled && !dataset.IsImage)
        {
            throw new ArgumentException($"Augmentation needs (C, H, W) images; {dataset.Name} has samples of shape ({string.Join(", ", dataset.SampleShape)}).", nameof(options));
        }

        if (_augmentation.RandomCrop && _augmentation.Padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _augmentation.Padding, "Crop padding must be non-negative.");
        }

        _dataset = dataset;
        _options = options;
    }

    /// <summary>The dataset batched.</summary>
    public Dataset Dataset => _dataset;

    /// <summary>The options in use.</summary>
    public DataLoaderOptions Options => _options;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => _options.DropLast ? _dataset.Count / _options.BatchSize : (_dataset.Count + _options.BatchSize - 1) / _options.BatchSize;

    /// <summary>A hook run on the producing thread before batch <c>i</c> is filled (tests use it to inject failures).</summary>
    internal Action<int>? BeforeBatch { get; set; }

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the samples.</summary>
    public int[] Order(int epoch)
    {
        if (!_options.Shuffle)
        {
            return Enumerable.Range(0, _dataset.Count).ToArray();
        }

        return RandomSource.Derive(_options.Seed, $"loader/order/epoch-{epoch}").Permutation(_dataset.Count);
    }

    /// <summary>The batches of epoch <paramref name="epoch"/>, for <c>foreach</c>.</summary>
    public IEnumerable<Batch> Epoch(int epoch) => new EpochBatches(this, epoch);

    private AugmentationDraw[]? Draws(int epoch)
    {
        if (!_augmentation.Enabled)
        {
            return null;
        }

        var rng = ImageAugmentation.EpochStream(_options.Seed, epoch);
        var draws = new AugmentationDraw[_dataset.Count];
        for (int i = 0; i < draws.Length; i++)
        {
            draws[i] = ImageAugmentation.Draw(_augmentation, rng);
        }

        return draws;
    }

    private Batch Build(int epoch, int batchIndex, int[] order, AugmentationDraw[]? draws)
    {
        BeforeBatch?.Invoke(batchIndex);
        int start = batchIndex * _options.BatchSize;
        int count = Math.Min(_options.BatchSize, order.Length - start);
        var indices = order.AsSpan(start, count).ToArray();
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = _dataset.Label(indices[i]);
        }

        var shape = new int[_dataset.SampleShape.Length + 1];
        shape[0] = count;
        _dataset.SampleShape.CopyTo(shape, 1);
        var inputs = TensorScope.Untracked(() => Tensor.Empty(shape));
        try
        {
            Fill(inputs.Data, indices, draws, start);
        }
        catch
        {
            inputs.Dispose();
            throw;
        }

        return new Batch(inputs, labels, indices, epoch, batchIndex);
    }

    private void Fill(float[] destination, int[] indices, AugmentationDraw[]? draws, int orderStart)
    {
        int threads = _options.Threads == 0 ? Engine.Threads : _options.Threads;
        int chunks = Math.Min(threads, indices.Length);
        if (chunks <= 1)
        {
            FillRange(destination, indices, draws, orderStart, 0, indices.Length);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            int from = (int)((long)indices.Length * chunk / chunks);
            int to = (int)((long)indices.Length * (chunk + 1) / chunks);
            FillRange(destination, indices, draws, orderStart, from, to);
        });
    }

    private void FillRange(float[] destination, int[] indices, AugmentationDraw[]? draws, int orderStart, int from, int to)
    {
        int size = _dataset.SampleSize;
        var shape = _dataset.SampleShape;
        int padding = _augmentation.RandomCrop ? _augmentation.Padding : 0;
        for (int i = from; i < to; i++)
        {
            var d = destination.AsSpan(i * size, size);
            int sample = indices[i];
            if (draws is null)
            {
                _dataset.CopySample(sample, d);
            }
            else if (_dataset.StoresBytes)
            {
                ImageAugmentation.Apply(_dataset.RawBytes.Slice(sample * size, size), d, shape[0], shape[1], shape[2], padding, draws[orderStart + i]);
            }
            else
            {
                ImageAugmentation.Apply(_dataset.RawValues.Slice(sample * size, size), d, shape[0], shape[1], shape[2], padding, draws[orderStart + i]);
            }
        }
    }

    private sealed class EpochBatches(DataLoader loader, int epoch) : IEnumerable<Batch>
    {
        public IEnumerator<Batch> GetEnumerator() => new Enumerator(loader, epoch);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Enumerator(DataLoader loader, int epoch) : IEnumerator<Batch>
    {
        private int[]? _order;
        private AugmentationDraw[]? _draws;
        private int _next;
        private Task<Batch>? _pending;
        private Batch? _current;
        private bool _disposed;

        public Batch Current => _current ?? throw new InvalidOperationException("Call MoveNext before reading Current.");

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _current?.Dispose();
            _current = null;
            if (_order is null)
            {
                _order = loader.Order(epoch);
                _draws = loader.Draws(epoch);
            }

            int total = loader.BatchCount;
            if (_next >= total)
            {
                return false;
            }

            if (_pending is not null)
            {
                var pending = _pending;
                _pending = null;
                _current = pending.GetAwaiter().GetResult();
            }
            else
            {
                _current = loader.Build(epoch, _next, _order, _draws);
            }

            _next++;
            if (loader._options.Prefetch && _next < total)
            {
                int index = _next;
                var order = _order;
                var draws = _draws;
                _pending = Task.Run(() => loader.Build(epoch, index, order, draws));
            }

            return true;
        }

        public void Reset() => throw new NotSupportedException("Enumerate the epoch again with DataLoader.Epoch.");

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _current?.Dispose();
            _current = null;
            if (_pending is not null)
            {
                try
                {
                    _pending.GetAwaiter().GetResult().Dispose();
                }
                catch (Exception)
                {
                    // The consumer stopped before this batch; its failure has no one to report to.
                }

                _pending = null;
            }
        }
    }
}
