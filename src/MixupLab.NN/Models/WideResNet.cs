using MixupLab.Autodiff;
using MixupLab.NN.Init;
using MixupLab.NN.Layers;
using MixupLab.Tensors;

namespace MixupLab.NN.Models;

/// <summary>The registry's <c>wrn-D-K</c>: WideResNet as in xternalz/WideResNet-pytorch (dropRate 0).</summary>
/// <remarks>
/// Channels [16, 16K, 32K, 64K], n = (D − 4)/6 blocks per group: <c>conv1</c> = Conv2d(C, 16, 3, pad 1);
/// <c>block1/2/3.layer.i</c> = <see cref="WideBasicBlock"/>s with first strides 1, 2, 2; then <c>bn1</c>, ReLU,
/// avg_pool2d(8), flatten, <c>fc</c> = Linear(64K, classes). Input (N, C, 32, 32), output (N, classes).
/// Initialisation: PyTorch's layer defaults (as constructing the reference model draws them), then the reference
/// code's pass over the modules in order: every conv weight N(0, 2/(k²·out)), BatchNorm 1/0, fc bias 0.
/// wrn-16-8 with 10 classes has 10,961,370 parameters.
/// </remarks>
public sealed class WideResNet : Module
{
    /// <summary>A WideResNet.</summary>
    /// <param name="depth">D, with (D − 4) % 6 == 0 and D ≥ 10.</param>
    /// <param name="widen">K ≥ 1.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="channels">Input channels (3 for CIFAR).</param>
    public WideResNet(int depth, int widen, int classes, int channels = 3)
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
        {
            throw new ArgumentException($"WideResNet depth must satisfy (D - 4) % 6 == 0 with D >= 10 (e.g. 16, 22, 28, 40), got D = {depth}.", nameof(depth));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widen);
        int n = (depth - 4) / 6;
        int[] planes = [16, 16 * widen, 32 * widen, 64 * widen];
        Conv1 = RegisterModule("conv1", new Conv2d(channels, planes[0], 3, 1, 1, bias: false));
        Block1 = RegisterModule("block1", new WideNetworkBlock(n, planes[0], planes[1], 1));
        Block2 = RegisterModule("block2", new WideNetworkBlock(n, planes[1], planes[2], 2));
        Block3 = RegisterModule("block3", new WideNetworkBlock(n, planes[2], planes[3], 2));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(planes[3]));
        Fc = RegisterModule("fc", new Linear(planes[3], classes));
        Depth = depth;
        Widen = widen;
    }

    /// <summary>D.</summary>
    public int Depth { get; }

    /// <summary>K.</summary>
    public int Widen { get; }

    /// <summary>The stem convolution.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Group 1 (stride 1).</summary>
    public WideNetworkBlock Block1 { get; }

    /// <summary>Group 2 (stride 2).</summary>
    public WideNetworkBlock Block2 { get; }

    /// <summary>Group 3 (stride 2).</summary>
    public WideNetworkBlock Block3 { get; }

    /// <summary>The final BatchNorm.</summary>
    public BatchNorm2d Bn1 { get; }

    /// <summary>The classifier.</summary>
    public Linear Fc { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != 4 || x.Dim(2) != 32 || x.Dim(3) != 32)
        {
            throw new ArgumentException($"WideResNet expects input (N, C, 32, 32), got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        var h = Block3.Forward(Block2.Forward(Block1.Forward(Conv1.Forward(x))));
        h = Ops.Relu(Bn1.Forward(h));
        h = Ops.AvgPool2d(h, 8, 8);
        return Fc.Forward(Ops.Flatten(h, 1));
    }

    /// <inheritdoc/>
    public override void Initialize(RandomSource rng)
    {
        base.Initialize(rng);
        foreach (var (_, m) in NamedModules())
        {
            switch (m)
            {
                case Conv2d conv:
                    Initializers.KaimingNormalFanOut(conv.Weight.Value, rng);
                    break;
                case BatchNorm2d bn:
                    bn.Weight.Value.Span.Fill(1);
                    bn.Bias.Value.Span.Clear();
                    break;
                case Linear linear when linear.Bias is not null:
                    linear.Bias.Value.Span.Clear();
                    break;
            }
        }
    }
}
