namespace MixupLab.NN.Schedules;

/// <summary>Cosine annealing to a minimum rate, as PyTorch's CosineAnnealingLR (closed form) without restarts.</summary>
/// <remarks>lr(t) = η_min + (η − η_min)·(1 + cos(π·min(t, T)/T))/2 with t = epoch, or
/// t = epoch + step / stepsPerEpoch when annealing per step.</remarks>
public sealed class CosineSchedule : LrSchedule
{
    private readonly double _base;
    private readonly int _total;
    private readonly double _min;
    private readonly int _stepsPerEpoch;

    /// <summary>A cosine schedule.</summary>
    /// <param name="baseLearningRate">η.</param>
    /// <param name="totalEpochs">T, positive.</param>
    /// <param name="minLearningRate">η_min.</param>
    /// <param name="stepsPerEpoch">0 for epoch-wise annealing, else the steps in an epoch.</param>
    public CosineSchedule(double baseLearningRate, int totalEpochs, double minLearningRate = 0, int stepsPerEpoch = 0)
    {
        CheckRate(baseLearningRate, nameof(baseLearningRate));
        CheckRate(minLearningRate, nameof(minLearningRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsPerEpoch);
        _base = baseLearningRate;
        _total = totalEpochs;
        _min = minLearningRate;
        _stepsPerEpoch = stepsPerEpoch;
    }

    /// <inheritdoc/>
    public override double LearningRate(int epoch, int step)
    {
        CheckPosition(epoch, step);
        double t = _stepsPerEpoch > 0 ? epoch + ((double)step / _stepsPerEpoch) : epoch;
        t = Math.Min(t, _total);
        return _min + ((_base - _min) * (1 + Math.Cos(Math.PI * t / _total)) / 2);
    }
}
