using System.CommandLine;
using MixupLab.Data;
using MixupLab.Experiments.Training;

namespace MixupLab.Cli;

/// <summary>The <c>data</c> command group: <c>data export</c>.</summary>
internal static class DataCommand
{
    /// <summary>Builds <c>mixuplab data export --dataset NAME | --run DIR [--split train|test] --out FILE.csv</c>.</summary>
    public static Command Create()
    {
        var defaults = new TrainingConfig();
        var dataset = new Option<string?>("--dataset") { Description = $"Dataset: {string.Join(", ", DatasetRegistry.Names)}." };
        var run = new Option<string?>("--run") { Description = "Export exactly the data of this run folder (its dataset, options, train size and seed)." };
        var split = new Option<string>("--split") { Description = "train or test (default: train).", DefaultValueFactory = _ => "train" };
        split.AcceptOnlyFromAmong("train", "test");
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder (or file) of the dataset's files." };
        var trainSize = new Option<int?>("--train-size") { Description = "The seeded train subset a run with this --train-size and --seed used (default: all)." };
        var seed = new Option<ulong>("--seed") { Description = $"Seed of the data streams (default: {defaults.Seed}).", DefaultValueFactory = _ => defaults.Seed };
        var option = new Option<string[]>("--data-option") { Description = "Dataset option KEY=VALUE, repeatable (e.g. n=200 for two-moons)." };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write (x_0..x_D-1,label).", Required = true };
        var export = new Command("export", "Write the samples a run uses (features or flattened pixels, and label) as CSV.") { dataset, run, split, dataDir, trainSize, seed, option, output };
        export.SetAction(p =>
        {
            return CommandGuard.Run(p.InvocationConfiguration.Error, () =>
            {
                TrainingConfig config;
                if (p.GetValue(run) is string folder)
                {
                    config = new RunDirectory(folder).HoldsRun ? new RunDirectory(folder).ReadConfig() : throw new ArgumentException($"'{folder}' holds no run (config.json).", "run");
                }
                else
                {
                    var name = p.GetValue(dataset) ?? throw new ArgumentException("Pass --dataset NAME or --run DIR.", "dataset");
                    var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    foreach (var pair in p.GetValue(option) ?? [])
                    {
                        int eq = pair.IndexOf('=', StringComparison.Ordinal);
                        options[eq > 0 ? pair[..eq] : throw new ArgumentException($"Invalid data-option '{pair}': expected KEY=VALUE.", "data-option")] = pair[(eq + 1)..];
                    }

                    config = new TrainingConfig { Dataset = name, DataOptions = options, TrainSize = p.GetValue(trainSize), Seed = p.GetValue(seed) };
                }

                config = p.GetValue(dataDir) is string dir ? config with { DataDir = dir } : config;
                var file = p.GetRequiredValue(output).FullName;
                int n = DataExport.Write(config, p.GetValue(split) == "test" ? DatasetSplit.Test : DatasetSplit.Train, file);
                p.InvocationConfiguration.Output.WriteLine($"{n} samples -> {file}");
                return 0;
            });
        });
        return new Command("data", "Dataset utilities.") { export };
    }
}
