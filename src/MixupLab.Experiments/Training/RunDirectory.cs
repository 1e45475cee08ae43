using System.Globalization;
using System.Text;
using MixupLab.NN.Serialization;

namespace MixupLab.Experiments.Training;

/// <summary>The files of a training run: <c>config.json</c>, <c>metrics.csv</c>, <c>summary.json</c>, <c>model.safetensors</c>
/// and <c>checkpoints/</c>, every one written atomically (temporary file, then rename).</summary>
/// <remarks>A checkpoint goes to a fresh folder <c>checkpoints/epoch-NNNN</c>; only when it is complete does the pointer file
/// <c>checkpoints/latest</c> name it, so a kill at any moment leaves the previous checkpoint usable.</remarks>
public sealed class RunDirectory
{
    /// <summary>Opens (without creating) the run folder <paramref name="path"/>.</summary>
    public RunDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>The resolved config of the run.</summary>
    public string ConfigFile => Combine("config.json");

    /// <summary>Per-epoch metrics, CSV with <see cref="EpochMetrics.Header"/>.</summary>
    public string MetricsFile => Combine("metrics.csv");

    /// <summary>Final status and metrics as JSON.</summary>
    public string SummaryFile => Combine("summary.json");

    /// <summary>Final weights (safetensors, PyTorch state_dict keys).</summary>
    public string ModelFile => Combine("model.safetensors");

    /// <summary>Folder of the checkpoints.</summary>
    public string CheckpointsFolder => Combine("checkpoints");

    /// <summary>Whether the folder already holds a run (a <c>config.json</c>).</summary>
    public bool HoldsRun => File.Exists(ConfigFile);

    /// <summary>The config stored in the folder.</summary>
    public TrainingConfig ReadConfig() => TrainingConfig.FromJson(File.ReadAllText(ConfigFile), ConfigFile);

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/> atomically, creating the folder.</summary>
    public static void WriteText(string file, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        AtomicFile.WriteAllText(file, text);
    }

    /// <summary>Rewrites <c>metrics.csv</c> with the header and <paramref name="rows"/>.</summary>
    public void WriteMetrics(IEnumerable<string> rows)
    {
        var sb = new StringBuilder(EpochMetrics.Header).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(row).Append('\n');
        }

        WriteText(MetricsFile, sb.ToString());
    }

    /// <summary>The CSV rows (without header) of epochs 1..<paramref name="epochs"/> in <c>metrics.csv</c>.</summary>
    public List<string> ReadMetricRows(int epochs)
    {
        if (!File.Exists(MetricsFile))
        {
            return [];
        }

        return File.ReadAllLines(MetricsFile).Skip(1)
            .Where(l => l.Length > 0 && int.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture) <= epochs)
            .ToList();
    }

    /// <summary>Folder of the latest complete checkpoint, or null when there is none.</summary>
    public string? LatestCheckpoint()
    {
        string pointer = System.IO.Path.Combine(CheckpointsFolder, "latest");
        if (!File.Exists(pointer))
        {
            return null;
        }

        string folder = System.IO.Path.Combine(CheckpointsFolder, File.ReadAllText(pointer).Trim());
        return Directory.Exists(folder) ? folder : throw new InvalidDataException($"Checkpoint pointer '{pointer}' names a missing folder '{folder}'.");
    }

    /// <summary>Writes a checkpoint of epoch <paramref name="epoch"/> by <paramref name="save"/> into a fresh folder, points
    /// <c>latest</c> at it, then removes older checkpoint folders.</summary>
    public void CommitCheckpoint(int epoch, Action<string> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        string name = $"epoch-{epoch:D4}";
        string folder = System.IO.Path.Combine(CheckpointsFolder, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }

        save(folder);
        WriteText(System.IO.Path.Combine(CheckpointsFolder, "latest"), name);
        foreach (var old in Directory.GetDirectories(CheckpointsFolder, "epoch-*"))
        {
            if (System.IO.Path.GetFileName(old) != name)
            {
                Directory.Delete(old, true);
            }
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
