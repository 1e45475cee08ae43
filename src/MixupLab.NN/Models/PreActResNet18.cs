using MixupLab.Autodiff;
using MixupLab.NN.Layers;
using MixupLab.Tensors;

namespace MixupLab.NN.Models;

/// <summary>The registry's <c>preact-resnet18</c>: PreActResNet18 of mixup-cifar10 / pytorch-cifar.</summary>
/// <remarks><c>conv1</c> = Conv2d(C, 64, 3, pad 1); <c>layer1..4</c> = two <see cref="PreActBlock"/>s each with planes
/// 64, 128, 256, 512 and first strides 1, 2, 2, 2; avg_pool2d(4), flatten, <c>linear</c> = Linear(512, classes)
/// (no final BatchNorm/ReLU, as the reference). Input (N, C, 32, 32); 11,171,146 parameters for 10 classes.</remarks>
public sealed class PreActResNet18 : Module
{
    private readonly Sequential[] _layers;

    /// <summary>A PreActResNet18.</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="channels">Input channels (3 for CIFAR).</param>
    public PreActResNet18(int classes, int channels = 3)
    {
        Conv1 = RegisterModule("conv1", new Conv2d(channels, 64, 3, 1, 1, bias: false));
        int inPlanes = 64;
        int[] planes = [64, 128, 256, 512];
        int[] strides = [1, 2, 2, 2];
        _layers = new Sequential[4];
        for (int g = 0; g < 4; g++)
        {
            var layer = new Sequential(
                new PreActBlock(inPlanes, planes[g], strides[g]),
                new PreActBlock(planes[g], planes[g], 1));
            inPlanes = planes[g];
            _layers[g] = RegisterModule($"layer{g + 1}", layer);
        }

        LinearLayer = RegisterModule("linear", new Linear(512, classes));
    }

    /// <summary>The stem convolution.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>The four residual groups.</summary>
    public IReadOnlyList<Sequential> Groups => _layers;

    /// <summary>The classifier.</summary>
    public Linear LinearLayer { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != 4 || x.Dim(2) != 32 || x.Dim(3) != 32)
        {
            throw new ArgumentException($"PreActResNet18 expects input (N, C, 32, 32), got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        var h = Conv1.Forward(x);
        foreach (var layer in _layers)
        {
            h = layer.Forward(h);
        }

        h = Ops.AvgPool2d(h, 4, 4);
        return LinearLayer.Forward(Ops.Flatten(h, 1));
    }
}
