namespace MixupLab.Experiments.Training;

/// <summary>Clean loss and accuracy of a model on a dataset, optionally with per-sample class probabilities.</summary>
/// <param name="Loss">Mean cross-entropy (BCE for a single-logit model).</param>
/// <param name="Accuracy">Fraction of samples whose predicted class is the label.</param>
/// <param name="Probabilities">Row-major (N, K) class probabilities when requested, else null.</param>
public sealed record EvaluationResult(double Loss, double Accuracy, float[]? Probabilities);
