namespace MixupLab.Data;

/// <summary>What to load: a registered dataset name, where its files are, which split, and how to subset it.</summary>
/// <param name="Name">Registered name, e.g. "fashion-mnist", "cifar10", "two-moons" (see <see cref="DatasetRegistry.Names"/>).</param>
/// <remarks>
/// Defaults: no data folder (only Fashion-MNIST has a default location), the training split, the whole
/// training set, no validation split, no class balancing, seed 0, no options. Source-specific options
/// (e.g. <c>n</c>, <c>noise</c> for two-moons) are strings parsed by the source; an unknown key is an error.
/// </remarks>
public sealed record DatasetRequest(string Name)
{
    /// <summary>Folder holding the dataset's files (for CSV: the file or its folder); null for the default location.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The split <see cref="DatasetRegistry.Load"/> returns.</summary>
    public DatasetSplit Split { get; init; } = DatasetSplit.Train;

    /// <summary>Seeded subset size of the training split (after the validation carve); null for all.</summary>
    public int? TrainSize { get; init; }

    /// <summary>Samples carved from the published training split for validation (0 for none).</summary>
    public int ValidationSize { get; init; }

    /// <summary>Whether the validation carve and the train-size subset take equal counts per class.</summary>
    public bool ClassBalanced { get; init; }

    /// <summary>Run seed; every random choice (generators, splits) uses a stream derived from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Source-specific options (key → value).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
