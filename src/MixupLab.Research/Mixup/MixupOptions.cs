namespace MixupLab.Research.Mixup;

/// <summary>Configuration of the mixing step; the defaults are ERM-free Mixup with α = β = 1.</summary>
/// <param name="Method">ERM, Mixup or CutMix.</param>
/// <param name="Alpha">First Beta parameter α ≥ 0; 0 means no mixing.</param>
/// <param name="Beta">Second Beta parameter β &gt; 0 (the paper allows α ≠ β).</param>
/// <param name="Scope">How many λ a batch draws.</param>
/// <param name="MixProbability">Probability that a batch is mixed at all (otherwise it is used as is).</param>
/// <param name="CutMixProbability">With <see cref="MixingMethod.CutMix"/>: probability of CutMix rather than Mixup for a batch (1 = always CutMix).</param>
/// <param name="LabelSmoothing">Label smoothing of the one-hot targets; 0 (off) unless asked for.</param>
public sealed record MixupOptions(
    MixingMethod Method = MixingMethod.Mixup,
    double Alpha = 1.0,
    double Beta = 1.0,
    LambdaScope Scope = LambdaScope.PerBatch,
    double MixProbability = 1.0,
    double CutMixProbability = 1.0,
    float LabelSmoothing = 0f)
{
    /// <summary>Throws with a message naming the option when a value is out of range.</summary>
    public void Validate()
    {
        MixupSampling.Validate(Alpha, Beta);
        if (!(MixProbability >= 0 && MixProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MixProbability), MixProbability, "mix probability must be in [0, 1].");
        }

        if (!(CutMixProbability >= 0 && CutMixProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CutMixProbability), CutMixProbability, "CutMix switch probability must be in [0, 1].");
        }

        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "label smoothing must be in [0, 1).");
        }
    }
}
