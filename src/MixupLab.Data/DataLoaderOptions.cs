namespace MixupLab.Data;

/// <summary>How a <see cref="DataLoader"/> batches a dataset.</summary>
/// <remarks>Defaults: batch size 128, shuffled, last partial batch kept, seed 0, no augmentation, one batch
/// prefetched on a background task, <c>Engine.Threads</c> threads to fill a batch.</remarks>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch (the last batch may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Whether each epoch visits the samples in a seeded random order (else in dataset order).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Whether to drop a last batch smaller than <see cref="BatchSize"/> (kept by default).</summary>
    public bool DropLast { get; init; }

    /// <summary>Seed of the order stream ("loader/order/epoch-e") and the augmentation stream ("augmentation/epoch-e").</summary>
    public ulong Seed { get; init; }

    /// <summary>Augmentation for image data; null or <see cref="AugmentationOptions.None"/> for none.</summary>
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>Whether the next batch is prepared on a background task while the current one is used.</summary>
    public bool Prefetch { get; init; } = true;

    /// <summary>Threads that fill one batch (0 = <c>Engine.Threads</c>); the result does not depend on it.</summary>
    public int Threads { get; init; }
}
