using MixupLab.Tensors;

namespace MixupLab.Research.Mixup;

/// <summary>A batch after mixing: the inputs to train on, their soft targets, and how they were made.</summary>
/// <param name="Inputs">Mixed inputs, same shape as the original batch.</param>
/// <param name="Targets">Soft targets (N, K); rows sum to 1.</param>
/// <param name="Partners">Partner index of every example.</param>
/// <param name="Lambdas">Weight of each example on itself (for CutMix, the area-corrected λ).</param>
/// <param name="Method">What was applied to this batch (ERM when it was left unmixed).</param>
public sealed record MixedBatch(Tensor Inputs, Tensor Targets, int[] Partners, float[] Lambdas, MixingMethod Method);
