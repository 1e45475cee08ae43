namespace MixupLab.Experiments.Reporting;

/// <summary>Reliability-diagram data of one model: per confidence bin, its edges, sample count, mean confidence and accuracy.</summary>
/// <param name="Name">Legend entry, e.g. "Mixup (ECE 2.1%)".</param>
/// <param name="BinLower">Lower bin edges in [0, 1].</param>
/// <param name="BinUpper">Upper bin edges in [0, 1].</param>
/// <param name="Count">Samples per bin.</param>
/// <param name="MeanConfidence">Mean confidence per bin (NaN for an empty bin).</param>
/// <param name="Accuracy">Accuracy per bin (NaN for an empty bin).</param>
public sealed record ReliabilitySeries(
    string Name,
    IReadOnlyList<double> BinLower,
    IReadOnlyList<double> BinUpper,
    IReadOnlyList<int> Count,
    IReadOnlyList<double> MeanConfidence,
    IReadOnlyList<double> Accuracy);
