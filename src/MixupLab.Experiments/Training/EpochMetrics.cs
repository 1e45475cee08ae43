using System.Globalization;

namespace MixupLab.Experiments.Training;

/// <summary>One row of <c>metrics.csv</c>: the objective minimised and the clean train and test metrics after an epoch.</summary>
/// <remarks>
/// <c>mix_loss</c> is the sample-weighted mean of the mixed minibatch losses actually minimised; <c>train_loss</c> and
/// <c>train_acc</c> are measured on the clean, unmixed training data in eval mode, so <c>gen_gap</c> = test_loss − train_loss
/// is the generalization gap of the paper (not the gap to the mixed loss, which the original Mixup code logs).
/// </remarks>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
/// <param name="MixLoss">Mean mixed (training-objective) loss over the epoch.</param>
/// <param name="TrainLoss">Clean training loss, eval mode.</param>
/// <param name="TrainAccuracy">Clean training accuracy in [0, 1].</param>
/// <param name="TestLoss">Test loss.</param>
/// <param name="TestAccuracy">Test accuracy in [0, 1].</param>
/// <param name="Seconds">Wall-clock seconds of the epoch (training and evaluation).</param>
public sealed record EpochMetrics(int Epoch, double LearningRate, double MixLoss, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds)
{
    /// <summary>The CSV header of <c>metrics.csv</c>.</summary>
    public const string Header = "epoch,lr,mix_loss,train_loss,train_acc,test_loss,test_acc,gen_gap,seconds";

    /// <summary>Generalization gap on clean data: test_loss − train_loss.</summary>
    public double GenGap => TestLoss - TrainLoss;

    /// <summary>The row as CSV, round-trip ("R") formatting with the invariant culture.</summary>
    public string ToCsv() => string.Join(
        ',',
        Epoch.ToString(CultureInfo.InvariantCulture),
        F(LearningRate),
        F(MixLoss),
        F(TrainLoss),
        F(TrainAccuracy),
        F(TestLoss),
        F(TestAccuracy),
        F(GenGap),
        Seconds.ToString("F3", CultureInfo.InvariantCulture));

    /// <summary>Parses a row written by <see cref="ToCsv"/>.</summary>
    /// <exception cref="FormatException">The row does not have the nine columns of <see cref="Header"/>.</exception>
    public static EpochMetrics Parse(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Split(',');
        if (c.Length != 9)
        {
            throw new FormatException($"A metrics row has 9 columns ({Header}); found {c.Length} in '{row}'.");
        }

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new EpochMetrics(int.Parse(c[0], CultureInfo.InvariantCulture), D(c[1]), D(c[2]), D(c[3]), D(c[4]), D(c[5]), D(c[6]), D(c[8]));
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
