namespace MixupLab.NN.Schedules;

/// <summary>PyTorch's MultiStepLR: the base rate multiplied by γ at each milestone epoch.</summary>
/// <remarks>lr(epoch) = base · γ^|{m ∈ milestones : m ≤ epoch}|.</remarks>
public sealed class MultiStepSchedule : LrSchedule
{
    private readonly double _base;
    private readonly int[] _milestones;
    private readonly double _gamma;

    /// <summary>A multi-step schedule.</summary>
    /// <param name="baseLearningRate">The initial rate.</param>
    /// <param name="milestones">Strictly increasing positive epochs.</param>
    /// <param name="gamma">The factor applied at each milestone.</param>
    public MultiStepSchedule(double baseLearningRate, IReadOnlyList<int> milestones, double gamma)
    {
        CheckRate(baseLearningRate, nameof(baseLearningRate));
        ArgumentNullException.ThrowIfNull(milestones);
        if (!(gamma > 0) || double.IsInfinity(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be positive and finite.");
        }

        for (int i = 0; i < milestones.Count; i++)
        {
            if (milestones[i] <= 0 || (i > 0 && milestones[i] <= milestones[i - 1]))
            {
                throw new ArgumentException($"Milestones must be positive and strictly increasing, got [{string.Join(", ", milestones)}].", nameof(milestones));
            }
        }

        _base = baseLearningRate;
        _milestones = [.. milestones];
        _gamma = gamma;
    }

    /// <inheritdoc/>
    public override double LearningRate(int epoch, int step)
    {
        CheckPosition(epoch, step);
        double lr = _base;
        foreach (int m in _milestones)
        {
            if (m <= epoch)
            {
                lr *= _gamma;
            }
        }

        return lr;
    }
}
