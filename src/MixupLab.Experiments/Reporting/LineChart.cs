namespace MixupLab.Experiments.Reporting;

/// <summary>A line chart: several <see cref="ChartSeries"/> over shared axes, with a legend. Rendered by <c>SvgChart</c>.</summary>
/// <param name="Title">Title above the plot.</param>
/// <param name="XLabel">X-axis label with its unit, e.g. "ε (pixel scale, L∞)".</param>
/// <param name="YLabel">Y-axis label with its unit, e.g. "robust accuracy (%)".</param>
/// <param name="Series">The curves, drawn in order.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Logarithmic x axis (all x must be positive).</summary>
    public bool LogX { get; init; }

    /// <summary>Logarithmic y axis (all y must be positive).</summary>
    public bool LogY { get; init; }

    /// <summary>Fixed y range (min, max) instead of the data's; null = fit the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>Optional horizontal reference lines (e.g. y = 0), each with a label.</summary>
    public IReadOnlyList<(double Y, string Label)> ReferenceLines { get; init; } = [];
}
