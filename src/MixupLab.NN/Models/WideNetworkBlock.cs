using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>WideResNet's NetworkBlock: <c>layer</c> = Sequential of n <see cref="WideBasicBlock"/>s, the first with the given stride.</summary>
public sealed class WideNetworkBlock : Module
{
    /// <summary>A group of blocks.</summary>
    /// <param name="count">n.</param>
    /// <param name="inPlanes">Input channels of the first block.</param>
    /// <param name="outPlanes">Output channels of every block.</param>
    /// <param name="stride">Stride of the first block.</param>
    public WideNetworkBlock(int count, int inPlanes, int outPlanes, int stride)
    {
        var layer = new Sequential();
        for (int i = 0; i < count; i++)
        {
            layer.Append(new WideBasicBlock(i == 0 ? inPlanes : outPlanes, outPlanes, i == 0 ? stride : 1));
        }

        Layer = RegisterModule("layer", layer);
    }

    /// <summary>The blocks.</summary>
    public Sequential Layer { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x) => Layer.Forward(x);
}
