namespace MixupLab.NN.Schedules;

/// <summary>A linear warm-up composed in front of another schedule.</summary>
/// <remarks>With t = epoch + step / stepsPerEpoch, W the warm-up length in epochs and f the start factor:
/// lr = inner(epoch, step) · (f + (1 − f)·t / W) while t &lt; W, and inner(epoch, step) afterwards.</remarks>
public sealed class WarmupSchedule : LrSchedule
{
    private readonly LrSchedule _inner;
    private readonly double _warmup;
    private readonly int _stepsPerEpoch;
    private readonly double _start;

    /// <summary>A warm-up in front of <paramref name="inner"/>.</summary>
    /// <param name="inner">The schedule after (and under) the warm-up.</param>
    /// <param name="warmupEpochs">W, positive.</param>
    /// <param name="stepsPerEpoch">Steps per epoch, positive.</param>
    /// <param name="startFactor">f in [0, 1].</param>
    public WarmupSchedule(LrSchedule inner, double warmupEpochs, int stepsPerEpoch, double startFactor = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(warmupEpochs > 0) || double.IsInfinity(warmupEpochs))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "The warm-up length must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerEpoch);
        if (!(startFactor >= 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must lie in [0, 1].");
        }

        _inner = inner;
        _warmup = warmupEpochs;
        _stepsPerEpoch = stepsPerEpoch;
        _start = startFactor;
    }

    /// <inheritdoc/>
    public override double LearningRate(int epoch, int step)
    {
        CheckPosition(epoch, step);
        double lr = _inner.LearningRate(epoch, step);
        double t = epoch + ((double)step / _stepsPerEpoch);
        return t < _warmup ? lr * (_start + ((1 - _start) * t / _warmup)) : lr;
    }
}
