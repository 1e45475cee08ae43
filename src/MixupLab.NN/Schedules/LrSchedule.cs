namespace MixupLab.NN.Schedules;

/// <summary>A learning rate as a pure function of the position in training, so a resumed run sets exactly the
/// learning rate the uninterrupted run would have.</summary>
/// <remarks>Positions are (epoch, step): the 0-based epoch and the 0-based step within it. Epoch-wise schedules
/// (as PyTorch's schedulers stepped once per epoch) ignore the step; per-step ones use the fractional epoch
/// t = epoch + step / stepsPerEpoch.</remarks>
public abstract class LrSchedule
{
    /// <summary>The learning rate for the given position.</summary>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="step">0-based step within the epoch.</param>
    public abstract double LearningRate(int epoch, int step);

    /// <summary>A schedule that is always <paramref name="learningRate"/>.</summary>
    public static LrSchedule Constant(double learningRate) => new ConstantSchedule(learningRate);

    /// <summary>PyTorch's MultiStepLR: base·γ^(number of milestones ≤ epoch).</summary>
    /// <param name="baseLearningRate">The initial learning rate.</param>
    /// <param name="milestones">Epochs at which the rate is multiplied by <paramref name="gamma"/>, increasing.</param>
    /// <param name="gamma">The factor.</param>
    public static LrSchedule MultiStep(double baseLearningRate, IReadOnlyList<int> milestones, double gamma) => new MultiStepSchedule(baseLearningRate, milestones, gamma);

    /// <summary>Cosine annealing from the base rate to <paramref name="minLearningRate"/> over <paramref name="totalEpochs"/>:
    /// η_min + (η − η_min)·(1 + cos(π·t/T))/2, with t the epoch (or the fractional epoch when <paramref name="stepsPerEpoch"/> &gt; 0), clamped to T.</summary>
    /// <param name="baseLearningRate">η at t = 0.</param>
    /// <param name="totalEpochs">T.</param>
    /// <param name="minLearningRate">η_min, reached at t = T.</param>
    /// <param name="stepsPerEpoch">0 for an epoch-wise schedule (PyTorch's CosineAnnealingLR stepped per epoch); otherwise anneal every step.</param>
    public static LrSchedule Cosine(double baseLearningRate, int totalEpochs, double minLearningRate = 0, int stepsPerEpoch = 0) => new CosineSchedule(baseLearningRate, totalEpochs, minLearningRate, stepsPerEpoch);

    /// <summary>Linear warm-up in front of <paramref name="inner"/>: during the first <paramref name="warmupEpochs"/> the rate is
    /// inner(epoch, step) · (f + (1 − f)·t / W) with t the fractional epoch, f = <paramref name="startFactor"/>, W the warm-up length; afterwards inner's rate.</summary>
    /// <param name="inner">The schedule being warmed up.</param>
    /// <param name="warmupEpochs">W (may be fractional, e.g. 0.5).</param>
    /// <param name="stepsPerEpoch">Steps in one epoch (to place a step inside its epoch).</param>
    /// <param name="startFactor">f, the multiplier at the very first step.</param>
    public static LrSchedule WithWarmup(LrSchedule inner, double warmupEpochs, int stepsPerEpoch, double startFactor = 0) => new WarmupSchedule(inner, warmupEpochs, stepsPerEpoch, startFactor);

    /// <summary>Checks a position; throws naming the argument.</summary>
    protected static void CheckPosition(int epoch, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
    }

    /// <summary>Checks a learning rate; throws naming the argument.</summary>
    protected static void CheckRate(double rate, string name)
    {
        if (!(rate >= 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(name, rate, "A learning rate must be finite and non-negative.");
        }
    }
}
