using System.CommandLine;
using System.Globalization;
using MixupLab.Data;
using MixupLab.Experiments.Training;
using MixupLab.NN.Models;

namespace MixupLab.Cli;

/// <summary>The <c>train</c> command: a config from defaults, then <c>--config</c>, then flags; trained into <c>--out</c>.</summary>
internal static class TrainCommand
{
    private static readonly TrainingConfig _defaults = new();

    /// <summary>Builds <c>mixuplab train --dataset NAME --model NAME --method erm|mixup|cutmix --alpha A --epochs N --seed S --out DIR …</c>.</summary>
    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a model with ERM, Mixup or CutMix; writes config.json, metrics.csv, summary.json, model.safetensors and checkpoints/ to --out.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            return CommandGuard.Run(error, () =>
            {
                var config = options.Build(parseResult).Resolve();
                var console = ProgressConsole.Create(error, out bool interactive);
                var summary = new Trainer(console, interactive).Run(config, parseResult.GetRequiredValue(options.Out), parseResult.GetValue(options.Resume));
                parseResult.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.RunFolder}: {summary.EpochsCompleted} epochs, train acc {summary.Final.TrainAccuracy:F4}, test acc {summary.Final.TestAccuracy:F4}, gen gap {summary.Final.GenGap:F4}"));
                return 0;
            });
        });
        return command;
    }

    private static string D(object? value) => string.Format(CultureInfo.InvariantCulture, " (default: {0})", value);

    private sealed class TrainOptions
    {
        public Option<string> Out { get; } = new("--out") { Description = "Run folder; must be new or empty unless --resume.", Required = true };

        public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the run in --out from its last checkpoint; the result equals an uninterrupted run bit for bit. Needs the same settings." };

        public Option<FileInfo?> Config { get; } = new("--config") { Description = "JSON config (keys as these flags without dashes, e.g. \"batch-size\"); flags override it. Unknown keys are errors." };

        public Option<string> Dataset { get; } = new("--dataset") { Description = $"Dataset: {string.Join(", ", DatasetRegistry.Names)}." + D(_defaults.Dataset) };

        public Option<string> DataDir { get; } = new("--data-dir") { Description = "Folder (or file) of the dataset's files (default: the dataset's standard location)." };

        public Option<string[]> DataOption { get; } = new("--data-option") { Description = "Dataset option KEY=VALUE, repeatable (e.g. n=200, noise=0.1 for two-moons).", AllowMultipleArgumentsPerToken = false };

        public Option<int> TrainSize { get; } = new("--train-size") { Description = "Train on a seeded subset of this many samples (default: all)." };

        public Option<string> Model { get; } = new("--model") { Description = $"Model: {string.Join(", ", ModelRegistry.Names)} (e.g. wrn-16-8)." + D(_defaults.Model) };

        public Option<string> Hidden { get; } = new("--hidden") { Description = "Hidden widths of mlp, e.g. 100 or 512-256" + D(string.Join("-", _defaults.Hidden)) };

        public Option<int> Outputs { get; } = new("--outputs") { Description = "Model outputs; 1 on a two-class dataset = a single logit trained with BCE (default: one per class)." };

        public Option<string> Method { get; } = new("--method") { Description = "erm, mixup or cutmix." + D(_defaults.Method) };

        public Option<double> Alpha { get; } = new("--alpha") { Description = "α of λ ~ Beta(α, β), ≥ 0; 0 = ERM." + D(_defaults.Alpha) };

        public Option<double> Beta { get; } = new("--beta") { Description = "β of λ ~ Beta(α, β), > 0 (default: α)." };

        public Option<string> Scope { get; } = new("--scope") { Description = "λ per batch, pair or sample." + D(_defaults.Scope) };

        public Option<double> MixProbability { get; } = new("--mix-probability") { Description = "Probability that a batch is mixed at all." + D(_defaults.MixProbability) };

        public Option<double> CutMixProbability { get; } = new("--cutmix-prob") { Description = "With --method cutmix: probability of CutMix rather than Mixup per mixed batch." + D(_defaults.CutmixProbability) };

        public Option<double> LabelSmoothing { get; } = new("--label-smoothing") { Description = "Label smoothing in [0, 1) before mixing." + D(_defaults.LabelSmoothing) };

        public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training data, ≥ 1." + D(_defaults.Epochs) };

        public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Minibatch size, ≥ 1." + D(_defaults.BatchSize) };

        public Option<string> Optimizer { get; } = new("--optimizer") { Description = "sgd or adam." + D(_defaults.Optimizer) };

        public Option<double> Lr { get; } = new("--lr") { Description = "Base learning rate, > 0." + D(_defaults.Lr) };

        public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum in [0, 1)." + D(_defaults.Momentum) };

        public Option<bool> Nesterov { get; } = new("--nesterov") { Description = "Nesterov momentum (SGD)." + D(_defaults.Nesterov) };

        public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay, ≥ 0." + D(_defaults.WeightDecay) };

        public Option<string> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule: constant, multistep or cosine." + D(_defaults.Schedule) };

        public Option<string> Milestones { get; } = new("--milestones") { Description = "multistep: epochs where the rate is multiplied by --gamma, e.g. 100,150 (default: none)." };

        public Option<double> Gamma { get; } = new("--gamma") { Description = "multistep factor, > 0." + D(_defaults.Gamma) };

        public Option<double> WarmupEpochs { get; } = new("--warmup-epochs") { Description = "Linear warm-up length in epochs, ≥ 0." + D(_defaults.WarmupEpochs) };

        public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of every random stream (init, data order, λ)." + D(_defaults.Seed) };

        public Option<int> Threads { get; } = new("--threads") { Description = "Engine threads; 0 = the engine's default. Same seed and threads: same bits." + D(_defaults.Threads) };

        public IEnumerable<Option> All =>
        [
            Out, Resume, Config, Dataset, DataDir, DataOption, TrainSize, Model, Hidden, Outputs, Method, Alpha, Beta, Scope, MixProbability,
            CutMixProbability, LabelSmoothing, Epochs, BatchSize, Optimizer, Lr, Momentum, Nesterov, WeightDecay, Schedule, Milestones, Gamma,
            WarmupEpochs, Seed, Threads,
        ];

        public TrainingConfig Build(ParseResult p)
        {
            var c = p.GetValue(Config) is FileInfo file
                ? TrainingConfig.FromJson(ReadConfig(file), file.FullName)
                : new TrainingConfig();
            bool Has(Option o) => p.GetResult(o) is not null;
            c = Has(Dataset) ? c with { Dataset = p.GetRequiredValue(Dataset) } : c;
            c = Has(DataDir) ? c with { DataDir = p.GetRequiredValue(DataDir) } : c;
            c = Has(DataOption) ? c with { DataOptions = ParseDataOptions(c.DataOptions, p.GetRequiredValue(DataOption)) } : c;
            c = Has(TrainSize) ? c with { TrainSize = p.GetValue(TrainSize) } : c;
            c = Has(Model) ? c with { Model = p.GetRequiredValue(Model) } : c;
            c = Has(Hidden) ? c with { Hidden = ParseList(p.GetRequiredValue(Hidden), '-', "hidden", "widths such as 100 or 512-256") } : c;
            c = Has(Outputs) ? c with { Outputs = p.GetValue(Outputs) } : c;
            c = Has(Method) ? c with { Method = p.GetRequiredValue(Method) } : c;
            c = Has(Alpha) ? c with { Alpha = p.GetValue(Alpha) } : c;
            c = Has(Beta) ? c with { Beta = p.GetValue(Beta) } : c;
            c = Has(Scope) ? c with { Scope = p.GetRequiredValue(Scope) } : c;
            c = Has(MixProbability) ? c with { MixProbability = p.GetValue(MixProbability) } : c;
            c = Has(CutMixProbability) ? c with { CutmixProbability = p.GetValue(CutMixProbability) } : c;
            c = Has(LabelSmoothing) ? c with { LabelSmoothing = p.GetValue(LabelSmoothing) } : c;
            c = Has(Epochs) ? c with { Epochs = p.GetValue(Epochs) } : c;
            c = Has(BatchSize) ? c with { BatchSize = p.GetValue(BatchSize) } : c;
            c = Has(Optimizer) ? c with { Optimizer = p.GetRequiredValue(Optimizer) } : c;
            c = Has(Lr) ? c with { Lr = p.GetValue(Lr) } : c;
            c = Has(Momentum) ? c with { Momentum = p.GetValue(Momentum) } : c;
            c = Has(Nesterov) ? c with { Nesterov = p.GetValue(Nesterov) } : c;
            c = Has(WeightDecay) ? c with { WeightDecay = p.GetValue(WeightDecay) } : c;
            c = Has(Schedule) ? c with { Schedule = p.GetRequiredValue(Schedule) } : c;
            c = Has(Milestones) ? c with { Milestones = ParseList(p.GetRequiredValue(Milestones), ',', "milestones", "epochs such as 100,150") } : c;
            c = Has(Gamma) ? c with { Gamma = p.GetValue(Gamma) } : c;
            c = Has(WarmupEpochs) ? c with { WarmupEpochs = p.GetValue(WarmupEpochs) } : c;
            c = Has(Seed) ? c with { Seed = p.GetValue(Seed) } : c;
            c = Has(Threads) ? c with { Threads = p.GetValue(Threads) } : c;
            return c;
        }

        private static string ReadConfig(FileInfo file) => file.Exists
            ? File.ReadAllText(file.FullName)
            : throw new ArgumentException($"Config file '{file.FullName}' does not exist.", nameof(file));

        private static int[] ParseList(string text, char separator, string key, string allowed)
        {
            var parts = text.Split(separator, StringSplitOptions.TrimEntries);
            var values = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                {
                    throw new ArgumentException($"Invalid {key} '{text}': expected {allowed}.", key);
                }
            }

            return values;
        }

        private static SortedDictionary<string, string> ParseDataOptions(IReadOnlyDictionary<string, string> existing, string[] pairs)
        {
            var result = new SortedDictionary<string, string>(existing.ToDictionary(), StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"Invalid data-option '{pair}': expected KEY=VALUE, e.g. n=200.", "data-option");
                }

                result[pair[..eq]] = pair[(eq + 1)..];
            }

            return result;
        }
    }
}
