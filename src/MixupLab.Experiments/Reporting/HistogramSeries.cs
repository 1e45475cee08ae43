namespace MixupLab.Experiments.Reporting;

/// <summary>One named histogram of a <see cref="HistogramChart"/>: counts over bins given by their edges.</summary>
/// <param name="Name">Legend entry, e.g. "epoch 0".</param>
/// <param name="BinEdges">Increasing bin edges, length = counts + 1.</param>
/// <param name="Counts">Count (or density) per bin.</param>
public sealed record HistogramSeries(string Name, IReadOnlyList<double> BinEdges, IReadOnlyList<double> Counts);
