using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>Max pooling over square windows, as <c>torch.nn.MaxPool2d</c>: (N, C, H, W) → (N, C, H', W'),
/// H' = (H + 2·padding − k) / stride + 1 (floor).</summary>
/// <param name="kernelSize">k.</param>
/// <param name="stride">The stride (PyTorch's default: k).</param>
/// <param name="padding">Padding on each side.</param>
public sealed class MaxPool2d(int kernelSize, int? stride = null, int padding = 0) : Pool2dLayer(kernelSize, stride, padding)
{
    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.MaxPool2d(x, KernelSize, Stride, Padding);
}
