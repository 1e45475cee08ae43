namespace MixupLab.Experiments.Training;

/// <summary>The training loss became NaN or infinite; the run stopped and kept its last good checkpoint.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the 1-based <paramref name="epoch"/> and <paramref name="step"/> whose loss was <paramref name="loss"/>.</summary>
    public TrainingDivergedException(int epoch, int step, double loss, int lastGoodEpoch)
        : base($"The training loss became {loss} at epoch {epoch}, step {step}; stopped. The last good checkpoint is "
            + (lastGoodEpoch > 0 ? $"from epoch {lastGoodEpoch}." : "absent (no epoch had finished)."))
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based epoch of the non-finite loss.</summary>
    public int Epoch { get; }

    /// <summary>1-based step within the epoch of the non-finite loss.</summary>
    public int Step { get; }
}
