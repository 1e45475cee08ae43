namespace MixupLab.NN.Layers;

/// <summary>Batch normalisation of (N, C) inputs, as <c>torch.nn.BatchNorm1d</c> (see <see cref="BatchNorm"/>).</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>A BatchNorm1d layer.</summary>
    /// <param name="numFeatures">C.</param>
    /// <param name="eps">ε.</param>
    /// <param name="momentum">The running-average momentum.</param>
    public BatchNorm1d(int numFeatures, float eps = 1e-5f, float momentum = 0.1f)
        : base(numFeatures, eps, momentum)
    {
    }

    /// <inheritdoc/>
    protected override int InputRank => 2;
}
