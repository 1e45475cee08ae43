namespace MixupLab.NN.Layers;

/// <summary>The window geometry shared by the pooling layers: square k×k windows, a stride and symmetric padding.</summary>
/// <remarks>(N, C, H, W) → (N, C, H', W') with H' = (H + 2·padding − k) / stride + 1 (floor), as in PyTorch.</remarks>
public abstract class Pool2dLayer : Module
{
    /// <summary>A pooling layer's geometry.</summary>
    /// <param name="kernelSize">k.</param>
    /// <param name="stride">The stride (PyTorch's default: k).</param>
    /// <param name="padding">Padding on each side.</param>
    protected Pool2dLayer(int kernelSize, int? stride, int padding)
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
}
