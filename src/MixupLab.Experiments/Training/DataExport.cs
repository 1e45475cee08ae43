using System.Globalization;
using System.Text;
using MixupLab.Data;

namespace MixupLab.Experiments.Training;

/// <summary>Writes the samples a config trains or tests on as CSV, for plotting or checking in other tools.</summary>
public static class DataExport
{
    /// <summary>Writes split <paramref name="split"/> of the config's data (after its train-size subset) to <paramref name="file"/>.</summary>
    /// <remarks>Header <c>x_0,…,x_{D−1},label</c>: the D values the loader gives the model for each sample (features, or pixels
    /// flattened in C, H, W order, as <see cref="Dataset.CopySample"/> converts them), in dataset order, round-trip formatted.</remarks>
    /// <returns>The number of samples written.</returns>
    public static int Write(TrainingConfig config, DatasetSplit split, string file)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = DatasetRegistry.LoadSplits(config.Resolve().DatasetRequest()).Get(split);
        var sb = new StringBuilder();
        for (int j = 0; j < data.SampleSize; j++)
        {
            sb.Append("x_").Append(j.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        sb.Append("label\n");
        var sample = new float[data.SampleSize];
        for (int i = 0; i < data.Count; i++)
        {
            data.CopySample(i, sample);
            foreach (var v in sample)
            {
                sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            sb.Append(data.Label(i).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        RunDirectory.WriteText(Path.GetFullPath(file), sb.ToString());
        return data.Count;
    }
}
