namespace MixupLab.Experiments.Reporting;

/// <summary>A reliability diagram: accuracy against confidence per bin for one or more models, with the diagonal of perfect calibration.</summary>
/// <param name="Title">Title above the plot.</param>
/// <param name="Series">One entry per model (e.g. ERM and Mixup).</param>
public sealed record ReliabilityChart(string Title, IReadOnlyList<ReliabilitySeries> Series);
