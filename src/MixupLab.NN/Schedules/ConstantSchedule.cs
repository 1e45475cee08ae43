namespace MixupLab.NN.Schedules;

/// <summary>A constant learning rate.</summary>
public sealed class ConstantSchedule : LrSchedule
{
    private readonly double _rate;

    /// <summary>Always <paramref name="learningRate"/>.</summary>
    public ConstantSchedule(double learningRate)
    {
        CheckRate(learningRate, nameof(learningRate));
        _rate = learningRate;
    }

    /// <inheritdoc/>
    public override double LearningRate(int epoch, int step)
    {
        CheckPosition(epoch, step);
        return _rate;
    }
}
