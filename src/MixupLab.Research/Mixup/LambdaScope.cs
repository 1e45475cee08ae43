namespace MixupLab.Research.Mixup;

/// <summary>How many mixing weights λ a batch draws.</summary>
public enum LambdaScope
{
    /// <summary>One λ for the whole batch; partners by a random permutation (the original Mixup code).</summary>
    PerBatch,

    /// <summary>Disjoint random pairs (i, j) share one λ: i becomes λxᵢ + (1−λ)xⱼ and j becomes λxⱼ + (1−λ)xᵢ;
    /// with an odd batch the last example is paired with itself.</summary>
    PerPair,

    /// <summary>Each example i draws its own λᵢ; partners by a random permutation.</summary>
    PerSample,
}
