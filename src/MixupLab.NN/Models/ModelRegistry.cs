using System.Globalization;
using MixupLab.Tensors;

namespace MixupLab.NN.Models;

/// <summary>Maps model names to builders; the command line and the tests share it.</summary>
/// <remarks>
/// Names: <c>logreg</c>, <c>mlp</c>, <c>small-cnn</c>, <c>preact-resnet18</c> and <c>wrn-D-K</c> (e.g. <c>wrn-16-8</c>,
/// <c>wrn-28-10</c>). <see cref="Create"/> builds the model and initialises it from <c>RandomSource.Derive(seed, "init")</c>
/// (see <see cref="Module.Initialize"/>), so the same spec gives the same model bit for bit. The reference definitions
/// and parameter counts are in docs/models.md.
/// </remarks>
public static class ModelRegistry
{
    /// <summary>The registered names (<c>wrn-D-K</c> stands for every valid depth and width).</summary>
    public static IReadOnlyList<string> Names { get; } = ["logreg", "mlp", "small-cnn", "preact-resnet18", "wrn-D-K"];

    /// <summary>Builds and initialises the model <paramref name="spec"/> describes.</summary>
    /// <param name="spec">The model name, sizes and seed.</param>
    /// <returns>The model in training mode.</returns>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones), or sizes the model cannot take.</exception>
    public static Module Create(ModelSpec spec)
    {
        var model = Build(spec);
        model.Initialize(RandomSource.Derive(spec.Seed, "init"));
        return model;
    }

    /// <summary>Builds the model <paramref name="spec"/> describes with PyTorch's initial values left unset (all parameters zero,
    /// BatchNorm buffers at their defaults); call <see cref="Module.Initialize"/> or load a state dict next.</summary>
    /// <param name="spec">The model name and sizes.</param>
    public static Module Build(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(spec.Name, nameof(spec));
        ArgumentNullException.ThrowIfNull(spec.InputShape, nameof(spec));
        if (spec.InputShape.Count == 0 || spec.InputShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"Model '{spec.Name}': the input shape must be non-empty and positive, got ({string.Join(", ", spec.InputShape)}).", nameof(spec));
        }

        if (spec.Classes <= 0)
        {
            throw new ArgumentException($"Model '{spec.Name}': classes must be positive, got {spec.Classes}.", nameof(spec));
        }

        int features = spec.InputShape.Aggregate(1, (a, b) => checked(a * b));
        switch (spec.Name)
        {
            case "logreg":
                return new LogisticRegression(features, spec.Classes, spec.Bias);
            case "mlp":
                return new Mlp(features, spec.HiddenWidths ?? [], spec.Classes, spec.Bias);
            case "small-cnn":
                var (c, h, w) = Image(spec);
                return new SmallCnn(c, h, w, spec.Classes);
            case "preact-resnet18":
                return new PreActResNet18(spec.Classes, Cifar(spec));
        }

        if (TryParseWideResNet(spec.Name, out int depth, out int widen))
        {
            return new WideResNet(depth, widen, spec.Classes, Cifar(spec));
        }

        throw new ArgumentException($"Unknown model '{spec.Name}'. Known models: {string.Join(", ", Names)}.", nameof(spec));
    }

    /// <summary>Parses a width string "a-b-…" such as "784-512-256-10" into positive integers (at least two).</summary>
    /// <param name="widths">The dash-separated widths.</param>
    public static int[] ParseWidths(string widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var parts = widths.Split('-');
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] <= 0)
            {
                throw new ArgumentException($"Invalid width '{parts[i]}' in '{widths}': widths are positive integers separated by '-', e.g. \"784-512-256-10\".", nameof(widths));
            }
        }

        if (result.Length < 2)
        {
            throw new ArgumentException($"A width string needs at least the input and output widths, e.g. \"2-100-1\"; got '{widths}'.", nameof(widths));
        }

        return result;
    }

    /// <summary>Whether <paramref name="name"/> has the form <c>wrn-D-K</c>; throws for a well-formed name with an invalid depth.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="depth">D.</param>
    /// <param name="widen">K.</param>
    /// <exception cref="ArgumentException">D does not satisfy (D − 4) % 6 == 0, D ≥ 10, or K &lt; 1.</exception>
    public static bool TryParseWideResNet(string name, out int depth, out int widen)
    {
        ArgumentNullException.ThrowIfNull(name);
        depth = widen = 0;
        var parts = name.Split('-');
        if (parts.Length != 3 || parts[0] != "wrn"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out depth)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out widen))
        {
            return false;
        }

        if (depth < 10 || (depth - 4) % 6 != 0)
        {
            throw new ArgumentException($"Model '{name}': WideResNet depth D must satisfy (D - 4) % 6 == 0 and D >= 10 (e.g. wrn-16-8, wrn-28-10); {depth} does not.", nameof(name));
        }

        if (widen < 1)
        {
            throw new ArgumentException($"Model '{name}': the widen factor K must be at least 1.", nameof(name));
        }

        return true;
    }

    private static (int C, int H, int W) Image(ModelSpec spec) => spec.InputShape.Count == 3
        ? (spec.InputShape[0], spec.InputShape[1], spec.InputShape[2])
        : throw new ArgumentException($"Model '{spec.Name}' needs an image input shape C×H×W, got ({string.Join(", ", spec.InputShape)}).", nameof(spec));

    private static int Cifar(ModelSpec spec)
    {
        var (c, h, w) = Image(spec);
        if (h != 32 || w != 32)
        {
            throw new ArgumentException($"Model '{spec.Name}' needs 32×32 inputs (its final average pooling assumes them), got {h}×{w}.", nameof(spec));
        }

        return c;
    }
}
