namespace MixupLab.Experiments.Training;

/// <summary>The outcome of <see cref="Trainer.Run"/>.</summary>
/// <param name="RunFolder">Full path of the run folder.</param>
/// <param name="EpochsCompleted">Epochs finished (including those before a resume).</param>
/// <param name="Final">Metrics of the last finished epoch.</param>
/// <param name="BestTestAccuracy">Highest test accuracy over the finished epochs.</param>
/// <param name="ParameterCount">Trainable parameters of the model.</param>
public sealed record TrainingSummary(string RunFolder, int EpochsCompleted, EpochMetrics Final, double BestTestAccuracy, long ParameterCount);
