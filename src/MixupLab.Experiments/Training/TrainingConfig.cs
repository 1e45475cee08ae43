using System.Text.Json;
using System.Text.Json.Serialization;
using MixupLab.Data;
using MixupLab.NN.Models;
using MixupLab.Research.Mixup;

namespace MixupLab.Experiments.Training;

/// <summary>Everything that determines a training run: data, model, mixing, optimisation and seed.</summary>
/// <remarks>
/// Defaults are the record's initial values; a JSON file (keys in kebab case, as the command-line flags:
/// <c>batch-size</c>, <c>weight-decay</c>) overrides them, then flags override the file. Unknown keys are errors.
/// <see cref="Resolve"/> fills the derived defaults (β = α when absent) so that <c>config.json</c> holds every value.
/// </remarks>
public sealed record TrainingConfig
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Dataset name from <see cref="DatasetRegistry.Names"/>.</summary>
    public string Dataset { get; init; } = "two-moons";

    /// <summary>Folder (or file) holding the dataset's files; null uses the dataset's default location.</summary>
    public string? DataDir { get; init; }

    /// <summary>Dataset-specific options (e.g. <c>n</c>, <c>noise</c> for two-moons).</summary>
    public IReadOnlyDictionary<string, string> DataOptions { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A seeded subset of the training split of this size; null keeps it all.</summary>
    public int? TrainSize { get; init; }

    /// <summary>Model name from <see cref="ModelRegistry.Names"/> (<c>wrn-D-K</c> spelled out, e.g. <c>wrn-16-8</c>).</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>Hidden widths of the <c>mlp</c> model, e.g. <c>[100]</c> or <c>[512, 256]</c>.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [100];

    /// <summary>Number of model outputs: null means one per class; 1 on a two-class dataset means a single logit trained with BCE.</summary>
    public int? Outputs { get; init; }

    /// <summary>Mixing method: <c>erm</c>, <c>mixup</c> or <c>cutmix</c>.</summary>
    public string Method { get; init; } = "mixup";

    /// <summary>α of λ ~ Beta(α, β); 0 means ERM.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>β of λ ~ Beta(α, β); null means β = α (the paper's symmetric case).</summary>
    public double? Beta { get; init; }

    /// <summary>How many λ per batch: <c>batch</c>, <c>pair</c> or <c>sample</c>.</summary>
    public string Scope { get; init; } = "batch";

    /// <summary>Probability that a batch is mixed at all.</summary>
    public double MixProbability { get; init; } = 1.0;

    /// <summary>With <c>cutmix</c>: probability of CutMix rather than input Mixup for a mixed batch.</summary>
    public double CutmixProbability { get; init; } = 1.0;

    /// <summary>Label smoothing of the one-hot targets before mixing; 0 (off) unless asked for.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Number of passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Minibatch size.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Optimizer: <c>sgd</c> or <c>adam</c>.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Base learning rate.</summary>
    public double Lr { get; init; } = 0.1;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>L2 weight decay added to the gradient (PyTorch's <c>weight_decay</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule: <c>constant</c>, <c>multistep</c> or <c>cosine</c>.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>Epochs at which <c>multistep</c> multiplies the rate by <see cref="Gamma"/>.</summary>
    public IReadOnlyList<int> Milestones { get; init; } = [];

    /// <summary>Factor of the <c>multistep</c> schedule.</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Linear warm-up length in epochs (0: none).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>The run's seed; every stream (data, init, order, λ) is derived from it by name.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Engine threads; 0 keeps the engine's default.</summary>
    public int Threads { get; init; }

    /// <summary>Reads a JSON config over the defaults; unknown keys and ill-typed values are errors naming the key.</summary>
    /// <exception cref="ArgumentException">The file is not a valid config.</exception>
    public static TrainingConfig FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingConfig>(json, _json) ?? throw new ArgumentException($"Config {source} is null; expected a JSON object.", nameof(json));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Config {source}: {e.Message}", nameof(json), e);
        }
    }

    /// <summary>This config as indented JSON, every key present.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, _json);

    /// <summary>Fills derived defaults (β = α when absent) and checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the key and what is allowed.</exception>
    public TrainingConfig Resolve()
    {
        var c = Beta is null ? this with { Beta = Alpha } : this;
        c.Validate();
        return c;
    }

    /// <summary>The Mixup options of this config.</summary>
    public MixupOptions MixupOptions() => new(
        Method switch { "erm" => MixingMethod.Erm, "cutmix" => MixingMethod.CutMix, _ => MixingMethod.Mixup },
        Alpha,
        Beta ?? Alpha,
        Scope switch { "pair" => LambdaScope.PerPair, "sample" => LambdaScope.PerSample, _ => LambdaScope.PerBatch },
        MixProbability,
        CutmixProbability,
        (float)LabelSmoothing);

    /// <summary>The dataset request of this config (split = train; the trainer loads all splits).</summary>
    public DatasetRequest DatasetRequest() => new(Dataset)
    {
        DataDirectory = DataDir,
        TrainSize = TrainSize,
        Seed = Seed,
        Options = DataOptions,
    };

    private void Validate()
    {
        Require(DatasetRegistry.Names.Contains(Dataset), "dataset", Dataset, $"one of {string.Join(", ", DatasetRegistry.Names)}");
        Require(Model is "logreg" or "mlp" or "small-cnn" or "preact-resnet18" || ModelRegistry.TryParseWideResNet(Model, out _, out _), "model", Model, "logreg, mlp, small-cnn, preact-resnet18 or wrn-D-K with (D - 4) % 6 == 0 (e.g. wrn-16-8)");
        Require(Hidden.Count > 0 && Hidden.All(h => h > 0), "hidden", string.Join("-", Hidden), "one or more positive widths, e.g. 100 or 512-256");
        Require(Outputs is null or > 0, "outputs", Outputs, "a positive number of outputs (1 = single logit for two classes)");
        Require(Method is "erm" or "mixup" or "cutmix", "method", Method, "erm, mixup or cutmix");
        Require(Alpha >= 0 && double.IsFinite(Alpha), "alpha", Alpha, "alpha >= 0 (0 means ERM)");
        Require(Beta is null || (Beta > 0 && double.IsFinite(Beta.Value)) || (Beta == 0 && Alpha == 0), "beta", Beta, "beta > 0");
        Require(Scope is "batch" or "pair" or "sample", "scope", Scope, "batch, pair or sample");
        Require(MixProbability is >= 0 and <= 1, "mix-probability", MixProbability, "a probability in [0, 1]");
        Require(CutmixProbability is >= 0 and <= 1, "cutmix-probability", CutmixProbability, "a probability in [0, 1]");
        Require(LabelSmoothing is >= 0 and < 1, "label-smoothing", LabelSmoothing, "a value in [0, 1)");
        Require(Epochs >= 1, "epochs", Epochs, "at least 1");
        Require(BatchSize >= 1, "batch-size", BatchSize, "at least 1");
        Require(TrainSize is null or >= 1, "train-size", TrainSize, "at least 1");
        Require(Optimizer is "sgd" or "adam", "optimizer", Optimizer, "sgd or adam");
        Require(Lr > 0 && double.IsFinite(Lr), "lr", Lr, "a positive finite learning rate");
        Require(Momentum is >= 0 and < 1, "momentum", Momentum, "a value in [0, 1)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight-decay", WeightDecay, "a non-negative value");
        Require(Schedule is "constant" or "multistep" or "cosine", "schedule", Schedule, "constant, multistep or cosine");
        Require(Milestones.All(m => m >= 1) && Milestones.Zip(Milestones.Skip(1)).All(p => p.Second > p.First), "milestones", string.Join(",", Milestones), "positive, strictly increasing epochs, e.g. 100,150");
        Require(!Nesterov || Optimizer != "sgd" || Momentum > 0, "nesterov", Nesterov, "--momentum > 0 with --nesterov (Nesterov momentum needs momentum)");
        Require(Gamma > 0 && double.IsFinite(Gamma), "gamma", Gamma, "a positive factor");
        Require(WarmupEpochs >= 0 && double.IsFinite(WarmupEpochs), "warmup-epochs", WarmupEpochs, "a non-negative number of epochs");
        Require(Threads >= 0, "threads", Threads, "0 (engine default) or a positive count");
    }

    private static void Require(bool ok, string key, object? value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException($"Invalid {key} '{value}': expected {allowed}.", key);
        }
    }
}
