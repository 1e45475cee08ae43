using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>Max pooling over square windows, as <c>torch.nn.MaxPool2d</c>: (N, C, H, W) → (N, C, H', W'),
/// H' = (H + 2·padding − k) / stride + 1 (floor).</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>A max-pooling layer.</summary>
    /// <param name="kernelSize">k.</param>
    /// <param name="stride">The stride (PyTorch's default: k).</param>
    /// <param name="padding">Padding on each side.</param>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
    }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.MaxPool2d(x, KernelSize, Stride, Padding);
}
