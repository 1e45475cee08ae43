namespace MixupLab.Research.Mixup;

/// <summary>How training examples are combined before the forward pass.</summary>
public enum MixingMethod
{
    /// <summary>No mixing: empirical risk minimisation, the baseline.</summary>
    Erm,

    /// <summary>Input Mixup: x̃ = λxᵢ + (1−λ)xⱼ, ỹ = λyᵢ + (1−λ)yⱼ (Zhang et al. 2018; the paper's §2.2).</summary>
    Mixup,

    /// <summary>CutMix: a box of xⱼ pasted into xᵢ, targets weighted by the kept area (Yun et al. 2019).</summary>
    CutMix,
}
