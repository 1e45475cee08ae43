using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>The pre-activation residual block of PreActResNet (mixup-cifar10 / pytorch-cifar).</summary>
/// <remarks>Keys <c>bn1.*</c>, <c>conv1.weight</c>, <c>bn2.*</c>, <c>conv2.weight</c> and, when stride ≠ 1 or in ≠ planes,
/// <c>shortcut.0.weight</c> (1×1 conv, no bias). a = relu(bn1(x)); s = shortcut(a) if present else x;
/// out = conv2(relu(bn2(conv1(a)))) + s.</remarks>
public sealed class PreActBlock : Module
{
    /// <summary>A block.</summary>
    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Output channels.</param>
    /// <param name="stride">Stride of the first convolution and the shortcut.</param>
    public PreActBlock(int inPlanes, int planes, int stride)
    {
        Bn1 = RegisterModule("bn1", new BatchNorm2d(inPlanes));
        Conv1 = RegisterModule("conv1", new Conv2d(inPlanes, planes, 3, stride, 1, bias: false));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(planes));
        Conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, 1, 1, bias: false));
        if (stride != 1 || inPlanes != planes)
        {
            Shortcut = RegisterModule("shortcut", new Sequential(new Conv2d(inPlanes, planes, 1, stride, 0, bias: false)));
        }
    }

    /// <summary>First BatchNorm.</summary>
    public BatchNorm2d Bn1 { get; }

    /// <summary>First convolution.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Second BatchNorm.</summary>
    public BatchNorm2d Bn2 { get; }

    /// <summary>Second convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>The projection shortcut, or null for identity.</summary>
    public Sequential? Shortcut { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        var a = Ops.Relu(Bn1.Forward(x));
        var shortcut = Shortcut is null ? x : Shortcut.Forward(a);
        var outVar = Conv2.Forward(Ops.Relu(Bn2.Forward(Conv1.Forward(a))));
        return Ops.Add(outVar, shortcut);
    }
}
