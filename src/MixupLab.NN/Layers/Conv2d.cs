using MixupLab.Autodiff;
using MixupLab.NN.Init;
using MixupLab.Tensors;

namespace MixupLab.NN.Layers;

/// <summary>A 2-D convolution with a square kernel, as <c>torch.nn.Conv2d</c> (no dilation, no groups).</summary>
/// <remarks>Input (N, C, H, W), output (N, O, H', W') with H' = (H + 2·padding − k) / stride + 1.
/// Parameters <c>weight</c> (O, C, k, k) and, when enabled, <c>bias</c> (O).
/// Initialisation (PyTorch's default): weight U(±1/√(C·k²)), then bias U(±1/√(C·k²)).</remarks>
public sealed class Conv2d : Module
{
    /// <summary>A convolution.</summary>
    /// <param name="inChannels">C.</param>
    /// <param name="outChannels">O.</param>
    /// <param name="kernelSize">k.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="bias">Whether to add a learned bias (PyTorch's default true; ResNets use false).</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = RegisterParameter("weight", outChannels, inChannels, kernelSize, kernelSize);
        Bias = bias ? RegisterParameter("bias", outChannels) : null;
    }

    /// <summary>C.</summary>
    public int InChannels { get; }

    /// <summary>O.</summary>
    public int OutChannels { get; }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding.</summary>
    public int Padding { get; }

    /// <summary>The weight (O, C, k, k).</summary>
    public Var Weight { get; }

    /// <summary>The bias (O), or null.</summary>
    public Var? Bias { get; }

    /// <summary>The output spatial size for an input size.</summary>
    public int OutputSize(int inputSize) => ((inputSize + (2 * Padding) - KernelSize) / Stride) + 1;

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != 4 || x.Dim(1) != InChannels)
        {
            throw new ArgumentException($"Conv2d({InChannels}, {OutChannels}) expects input (N, {InChannels}, H, W), got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        return Ops.Conv2d(x, Weight, Bias, Stride, Padding);
    }

    /// <inheritdoc/>
    protected override void ResetParameters(RandomSource rng) => Initializers.PyTorchDefault(Weight.Value, Bias?.Value, rng);
}
