namespace MixupLab.Experiments.Reporting;

/// <summary>One named curve of a <see cref="LineChart"/>: points (x, y), optionally with a band [lower, upper] around it.</summary>
/// <param name="Name">Legend entry, e.g. "Mixup α=1".</param>
/// <param name="X">Abscissae, same length as <paramref name="Y"/>.</param>
/// <param name="Y">Ordinates; NaN marks a missing point (the line breaks there).</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Lower edge of a shaded band (e.g. mean − confidence half-width), same length as <see cref="Y"/>; null for none.</summary>
    public IReadOnlyList<double>? Lower { get; init; }

    /// <summary>Upper edge of the shaded band, same length as <see cref="Y"/>; null for none.</summary>
    public IReadOnlyList<double>? Upper { get; init; }

    /// <summary>Draw the line dashed (e.g. a test curve beside a solid train curve of the same colour).</summary>
    public bool Dashed { get; init; }

    /// <summary>Draw a marker at each point (useful for sparse grids such as ε or α values).</summary>
    public bool Markers { get; init; }

    /// <summary>Colour group: series with the same non-null group share a colour (e.g. train and test of one method); null = its own colour.</summary>
    public string? ColorGroup { get; init; }
}
