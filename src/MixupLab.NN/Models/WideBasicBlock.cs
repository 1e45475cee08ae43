using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>WideResNet's pre-activation BasicBlock (xternalz/WideResNet-pytorch), dropRate 0.</summary>
/// <remarks>Keys <c>bn1.*</c>, <c>conv1.weight</c>, <c>bn2.*</c>, <c>conv2.weight</c> and, when in ≠ out,
/// <c>convShortcut.weight</c> (1×1, stride s). When in = out: out = conv2(relu(bn2(conv1(relu(bn1(x)))))) + x;
/// otherwise x' = relu(bn1(x)) and out = conv2(relu(bn2(conv1(x')))) + convShortcut(x').</remarks>
public sealed class WideBasicBlock : Module
{
    /// <summary>A block.</summary>
    /// <param name="inPlanes">Input channels.</param>
    /// <param name="outPlanes">Output channels.</param>
    /// <param name="stride">Stride of the first convolution and the shortcut.</param>
    public WideBasicBlock(int inPlanes, int outPlanes, int stride)
    {
        Bn1 = RegisterModule("bn1", new BatchNorm2d(inPlanes));
        Conv1 = RegisterModule("conv1", new Conv2d(inPlanes, outPlanes, 3, stride, 1, bias: false));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outPlanes));
        Conv2 = RegisterModule("conv2", new Conv2d(outPlanes, outPlanes, 3, 1, 1, bias: false));
        EqualInOut = inPlanes == outPlanes;
        ConvShortcut = EqualInOut ? null : RegisterModule("convShortcut", new Conv2d(inPlanes, outPlanes, 1, stride, 0, bias: false));
    }

    /// <summary>Whether input and output channels agree (identity shortcut).</summary>
    public bool EqualInOut { get; }

    /// <summary>First BatchNorm.</summary>
    public BatchNorm2d Bn1 { get; }

    /// <summary>First convolution.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Second BatchNorm.</summary>
    public BatchNorm2d Bn2 { get; }

    /// <summary>Second convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>The 1×1 projection shortcut, or null.</summary>
    public Conv2d? ConvShortcut { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        var activated = Ops.Relu(Bn1.Forward(x));
        var outVar = Conv2.Forward(Ops.Relu(Bn2.Forward(Conv1.Forward(activated))));
        return Ops.Add(EqualInOut ? x : ConvShortcut!.Forward(activated), outVar);
    }
}
