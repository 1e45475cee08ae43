using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>The mean over each channel's spatial positions, flattened: (N, C, H, W) → (N, C), as
/// <c>adaptive_avg_pool2d(x, 1).flatten(1)</c>.</summary>
public sealed class GlobalAvgPool : Module
{
    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.GlobalAvgPool2d(x);
}
