namespace MixupLab.Experiments.Reporting;

/// <summary>Overlaid, semi-transparent histograms on shared axes, with a legend and optional vertical markers.</summary>
/// <param name="Title">Title above the plot.</param>
/// <param name="XLabel">X-axis label with its unit.</param>
/// <param name="YLabel">Y-axis label, e.g. "samples".</param>
/// <param name="Series">The histograms; all share the x axis.</param>
public sealed record HistogramChart(string Title, string XLabel, string YLabel, IReadOnlyList<HistogramSeries> Series)
{
    /// <summary>Vertical reference lines (e.g. c_x), each with a label.</summary>
    public IReadOnlyList<(double X, string Label)> Markers { get; init; } = [];
}
