using System.CommandLine;
using System.Globalization;
using MixupLab.Data;
using MixupLab.Experiments.Training;

namespace MixupLab.Cli;

/// <summary>The <c>evaluate</c> command: loss and accuracy of a finished run on a split, optionally per-sample probabilities.</summary>
internal static class EvaluateCommand
{
    /// <summary>Builds <c>mixuplab evaluate --run DIR [--dataset NAME] [--split train|test] [--predictions FILE]</c>.</summary>
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by train (config.json and model.safetensors).", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Evaluate on this dataset instead of the run's (same sample shape and classes)." };
        var split = new Option<string>("--split") { Description = "train or test (default: test).", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "test");
        var dataDir = new Option<string?>("--data-dir") { Description = "Data folder overriding the run's." };
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Write per-sample class probabilities as CSV (index,label,predicted,p_0..p_K-1)." };
        var command = new Command("evaluate", "Loss and accuracy of a trained run on clean data, in eval mode.") { run, dataset, split, dataDir, predictions };
        command.SetAction(p =>
        {
            return CommandGuard.Run(p.InvocationConfiguration.Error, () =>
            {
                var which = p.GetValue(split) == "train" ? DatasetSplit.Train : DatasetSplit.Test;
                var r = RunEvaluator.Evaluate(p.GetRequiredValue(run), p.GetValue(dataset), which, p.GetValue(predictions)?.FullName, p.GetValue(dataDir));
                p.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.GetValue(split)} loss {r.Loss:R}  accuracy {r.Accuracy:R}"));
                return 0;
            });
        });
        return command;
    }
}
