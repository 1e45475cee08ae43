using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>Merges the dimensions from <see cref="StartDim"/> on into one, as <c>torch.nn.Flatten</c>: (N, C, H, W) → (N, C·H·W).</summary>
public sealed class Flatten : Module
{
    /// <summary>A flatten layer.</summary>
    /// <param name="startDim">The first dimension merged (PyTorch's default 1 keeps the batch axis).</param>
    public Flatten(int startDim = 1) => StartDim = startDim;

    /// <summary>The first dimension merged.</summary>
    public int StartDim { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.Flatten(x, StartDim);
}
