namespace MixupLab.NN.Layers;

/// <summary>Batch normalisation of (N, C, H, W) inputs per channel, as <c>torch.nn.BatchNorm2d</c> (see <see cref="BatchNorm"/>).</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>A BatchNorm2d layer.</summary>
    /// <param name="numFeatures">C.</param>
    /// <param name="eps">ε.</param>
    /// <param name="momentum">The running-average momentum.</param>
    public BatchNorm2d(int numFeatures, float eps = 1e-5f, float momentum = 0.1f)
        : base(numFeatures, eps, momentum)
    {
    }

    /// <inheritdoc/>
    protected override int InputRank => 4;
}
