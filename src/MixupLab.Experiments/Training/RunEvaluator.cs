using System.Globalization;
using System.Text;
using MixupLab.Data;

namespace MixupLab.Experiments.Training;

/// <summary>Loss and accuracy of a finished run's model on a split of its dataset (or another dataset of the same shape).</summary>
public static class RunEvaluator
{
    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> of <paramref name="runFolder"/> and evaluates on
    /// <paramref name="split"/>; optionally writes per-sample class probabilities to <paramref name="predictionsFile"/>.</summary>
    /// <remarks>The predictions CSV has the header <c>index,label,predicted,p_0,…,p_{K−1}</c> (probabilities in "R" format).</remarks>
    /// <param name="runFolder">A folder written by <see cref="Trainer"/>.</param>
    /// <param name="dataset">Another dataset name to evaluate on (same sample shape and classes), or null for the run's.</param>
    /// <param name="split">Train or test.</param>
    /// <param name="predictionsFile">CSV destination, or null.</param>
    /// <param name="dataDir">Data folder overriding the run's, or null.</param>
    /// <exception cref="ArgumentException">The folder holds no finished run, or the dataset does not fit the model.</exception>
    public static EvaluationResult Evaluate(string runFolder, string? dataset, DatasetSplit split, string? predictionsFile, string? dataDir = null)
    {
        var parts = TrainedRun.Open(runFolder, dataset, dataDir).Parts;
        var data = parts.Data.Get(split);
        var result = parts.Evaluate(data, predictionsFile is not null);
        if (predictionsFile is not null)
        {
            WritePredictions(predictionsFile, data, result.Probabilities!, parts.Classes);
        }

        return result;
    }

    private static void WritePredictions(string file, Dataset data, float[] probabilities, int classes)
    {
        var sb = new StringBuilder("index,label,predicted");
        for (int k = 0; k < classes; k++)
        {
            sb.Append(",p_").Append(k.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\n');
        for (int i = 0; i < data.Count; i++)
        {
            var p = probabilities.AsSpan(i * classes, classes);
            int predicted = 0;
            for (int k = 1; k < classes; k++)
            {
                predicted = p[k] > p[predicted] ? k : predicted;
            }

            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(data.Label(i).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(predicted.ToString(CultureInfo.InvariantCulture));
            foreach (var v in p)
            {
                sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        RunDirectory.WriteText(Path.GetFullPath(file), sb.ToString());
    }
}
