namespace MixupLab.Autodiff;

/// <summary>How a loss combines its per-sample values.</summary>
public enum Reduction
{
    /// <summary>The mean over samples (or elements): a rank-0 result.</summary>
    Mean,

    /// <summary>The sum over samples (or elements): a rank-0 result.</summary>
    Sum,

    /// <summary>No reduction: one value per sample (or per element).</summary>
    None,
}
