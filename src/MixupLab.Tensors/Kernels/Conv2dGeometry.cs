namespace MixupLab.Tensors.Kernels;

/// <summary>The sizes of a 2-D convolution or pooling window sweep over an <c>(N, C, H, W)</c> batch.</summary>
/// <remarks>
/// Output size per axis: <c>OutH = (H + 2·PadH − KernelH) / StrideH + 1</c> (floor), likewise for W.
/// For pooling <see cref="OutChannels"/> equals <see cref="Channels"/>.
/// </remarks>
public readonly record struct Conv2dGeometry
{
    /// <summary>Validates the sizes and computes the output size.</summary>
    /// <exception cref="ArgumentException">A size is not positive, a padding is negative, or the window does not fit.</exception>
    public Conv2dGeometry(int batch, int channels, int height, int width, int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW)
    {
        if (batch < 0 || channels <= 0 || height <= 0 || width <= 0 || outChannels <= 0)
        {
            throw new ArgumentException($"Input (N={batch}, C={channels}, H={height}, W={width}) and output channels {outChannels} must be positive (N may be 0).");
        }

        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0)
        {
            throw new ArgumentException($"Kernel ({kernelH}, {kernelW}) and stride ({strideH}, {strideW}) must be positive.");
        }

        if (padH < 0 || padW < 0)
        {
            throw new ArgumentException($"Padding ({padH}, {padW}) must be non-negative.");
        }

        if (height + (2 * padH) < kernelH || width + (2 * padW) < kernelW)
        {
            throw new ArgumentException(
                $"Kernel ({kernelH}, {kernelW}) is larger than the padded input ({height + (2 * padH)}, {width + (2 * padW)}) from (H, W) = ({height}, {width}) with padding ({padH}, {padW}).");
        }

        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        OutChannels = outChannels;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        PadH = padH;
        PadW = padW;
        OutH = ((height + (2 * padH) - kernelH) / strideH) + 1;
        OutW = ((width + (2 * padW) - kernelW) / strideW) + 1;
    }

    /// <summary>N, images in the batch.</summary>
    public int Batch { get; }

    /// <summary>C, input channels.</summary>
    public int Channels { get; }

    /// <summary>H, input height.</summary>
    public int Height { get; }

    /// <summary>W, input width.</summary>
    public int Width { get; }

    /// <summary>O, output channels.</summary>
    public int OutChannels { get; }

    /// <summary>kh, window height.</summary>
    public int KernelH { get; }

    /// <summary>kw, window width.</summary>
    public int KernelW { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideH { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideW { get; }

    /// <summary>Rows of padding above and below.</summary>
    public int PadH { get; }

    /// <summary>Columns of padding left and right.</summary>
    public int PadW { get; }

    /// <summary>Ho, output height.</summary>
    public int OutH { get; }

    /// <summary>Wo, output width.</summary>
    public int OutW { get; }

    /// <summary>H·W, elements of one input plane.</summary>
    public int InPlane => Height * Width;

    /// <summary>Ho·Wo, elements of one output plane.</summary>
    public int OutPlane => OutH * OutW;

    /// <summary>C·kh·kw, the length of one im2col column (one output pixel's receptive field).</summary>
    public int Patch => Channels * KernelH * KernelW;

    /// <summary>The input shape <c>(N, C, H, W)</c>.</summary>
    public int[] InputShape => [Batch, Channels, Height, Width];

    /// <summary>The output shape <c>(N, O, Ho, Wo)</c>.</summary>
    public int[] OutputShape => [Batch, OutChannels, OutH, OutW];

    /// <summary>The weight shape <c>(O, C, kh, kw)</c>.</summary>
    public int[] WeightShape => [OutChannels, Channels, KernelH, KernelW];
}
