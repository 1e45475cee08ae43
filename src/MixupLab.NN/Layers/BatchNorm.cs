using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Layers;

/// <summary>Batch normalisation over the channel axis, shared by <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/>.</summary>
/// <remarks>
/// y = γ·(x − μ)/√(σ² + ε) + β per channel. In training μ, σ² are the batch statistics (biased σ² for
/// normalising) and the buffers move as running = (1 − momentum)·running + momentum·batch, with the unbiased
/// batch variance for <c>running_var</c>, and <c>num_batches_tracked</c> counts the batches; in evaluation the
/// running statistics are used and nothing changes. Parameters <c>weight</c> (γ, ones) and <c>bias</c> (β, zeros);
/// buffers <c>running_mean</c> (zeros), <c>running_var</c> (ones), <c>num_batches_tracked</c> (0, stored as I64).
/// </remarks>
public abstract class BatchNorm : Module
{
    /// <summary>Registers the parameters and buffers for <paramref name="numFeatures"/> channels.</summary>
    /// <param name="numFeatures">C.</param>
    /// <param name="eps">ε.</param>
    /// <param name="momentum">The running-average momentum.</param>
    protected BatchNorm(int numFeatures, float eps, float momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = RegisterParameter("weight", numFeatures);
        Bias = RegisterParameter("bias", numFeatures);
        RunningMean = RegisterBuffer("running_mean", 0, TensorDType.Float32, numFeatures);
        RunningVar = RegisterBuffer("running_var", 1, TensorDType.Float32, numFeatures);
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", 0, TensorDType.Int64);
        Weight.Value.Span.Fill(1);
    }

    /// <summary>C.</summary>
    public int NumFeatures { get; }

    /// <summary>ε.</summary>
    public float Eps { get; }

    /// <summary>The running-average momentum.</summary>
    public float Momentum { get; }

    /// <summary>γ (C).</summary>
    public Var Weight { get; }

    /// <summary>β (C).</summary>
    public Var Bias { get; }

    /// <summary>Running mean (C).</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running unbiased variance (C).</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen (rank 0).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>The input rank this layer accepts (2 or 4).</summary>
    protected abstract int InputRank { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != InputRank || x.Dim(1) != NumFeatures)
        {
            string expected = InputRank == 2 ? $"(N, {NumFeatures})" : $"(N, {NumFeatures}, H, W)";
            throw new ArgumentException($"{GetType().Name}({NumFeatures}) expects input {expected}, got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        if (IsTraining)
        {
            NumBatchesTracked[0] += 1;
        }

        return Ops.BatchNorm(x, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Eps);
    }

    /// <inheritdoc/>
    protected override void ResetParameters(RandomSource rng)
    {
        Weight.Value.Span.Fill(1);
        Bias.Value.Span.Clear();
        RunningMean.Span.Clear();
        RunningVar.Span.Fill(1);
        NumBatchesTracked.Span.Clear();
    }
}
