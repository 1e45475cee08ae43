using MixupLab.NN.Models;
using MixupLab.NN.Serialization;

namespace MixupLab.Experiments.Training;

/// <summary>A finished run opened for analysis: its resolved config, its data and its trained model (weights and input statistics loaded).</summary>
/// <remarks>Every command that studies a trained model (<c>evaluate</c>, <c>attack</c>, <c>theory</c>, <c>calibrate</c>) opens the run
/// through this type, so a model is always standardised with the statistics it was trained with.</remarks>
/// <param name="Folder">The run folder.</param>
/// <param name="Config">The resolved config, with any dataset or data-folder override applied.</param>
/// <param name="Parts">Data splits and the trained model (in eval mode), with the run's loss and evaluation.</param>
public sealed record TrainedRun(RunDirectory Folder, TrainingConfig Config, TrainingParts Parts)
{
    /// <summary>Opens the run in <paramref name="runFolder"/>: reads <c>config.json</c>, loads the data and <c>model.safetensors</c>.</summary>
    /// <param name="runFolder">A folder written by <see cref="Trainer"/>.</param>
    /// <param name="dataset">Another dataset to pair the model with (same sample shape and classes), or null for the run's own.</param>
    /// <param name="dataDir">Data folder overriding the run's, or null.</param>
    /// <param name="weightsFile">Weights to load instead of <c>model.safetensors</c> (e.g. a checkpoint's), or null.</param>
    /// <exception cref="ArgumentException">The folder holds no finished run, or the dataset does not fit the model.</exception>
    public static TrainedRun Open(string runFolder, string? dataset = null, string? dataDir = null, string? weightsFile = null)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var run = new RunDirectory(runFolder);
        string weightsPath = weightsFile ?? run.ModelFile;
        if (!run.HoldsRun || !File.Exists(weightsPath))
        {
            throw new ArgumentException(
                weightsFile is null
                    ? $"'{run.Path}' holds no finished run (needs config.json and model.safetensors)."
                    : $"'{run.Path}' holds no run with weights '{weightsPath}' (needs config.json and that file).",
                nameof(runFolder));
        }

        var config = run.ReadConfig();
        if (dataset is not null && dataset != config.Dataset)
        {
            config = config with { Dataset = dataset, DataOptions = new Dictionary<string, string>(), TrainSize = null };
        }

        if (dataDir is not null)
        {
            config = config with { DataDir = dataDir };
        }

        config = config.Resolve();
        var parts = TrainingParts.Build(config);
        var weights = Safetensors.Read(weightsPath);
        if (parts.Model is NormalizedModel normalized)
        {
            // Standardise as in training, not with the statistics of the data evaluated on.
            parts = parts with { Model = normalized.WithStatisticsFrom(weights.Metadata) };
        }

        parts.Model.LoadStateDict(weights);
        parts.Model.Eval();
        return new TrainedRun(run, config, parts);
    }
}
