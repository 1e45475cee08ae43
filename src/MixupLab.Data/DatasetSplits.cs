namespace MixupLab.Data;

/// <summary>The splits of one loaded dataset.</summary>
/// <param name="Train">Training data.</param>
/// <param name="Validation">Validation data carved from the published training split, or null when none was asked.</param>
/// <param name="Test">The published test split.</param>
public sealed record DatasetSplits(Dataset Train, Dataset? Validation, Dataset Test)
{
    /// <summary>The dataset of <paramref name="split"/>; asking for an absent validation split is an error.</summary>
    public Dataset Get(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Test => Test,
        DatasetSplit.Validation => Validation ?? throw new InvalidOperationException("No validation split was carved: set DatasetRequest.ValidationSize (--validation-size) to a positive count."),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };
}
