using System.Globalization;
using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Models;

/// <summary>A model whose input path standardises each channel, x′ = (x − mean_c) / std_c, before the wrapped model.</summary>
/// <remarks>
/// Inputs stay in pixel space [0, 1], so an attack's ε means what users think it means, and the
/// gradient with respect to the input flows through the standardisation. The statistics are not
/// state: the wrapped model keeps exactly its PyTorch <c>state_dict</c> keys (like a PyTorch buffer
/// registered with <c>persistent=False</c>); they are recomputed from the dataset when a run is loaded.
/// Input shape (N, C, H, W) with C = the number of statistics.
/// </remarks>
public sealed class NormalizedModel : Module
{
    private readonly Var _mean;
    private readonly Var _std;

    /// <summary>Wraps <paramref name="inner"/> behind a per-channel standardisation.</summary>
    /// <param name="inner">The model to feed standardised inputs.</param>
    /// <param name="mean">Per-channel means.</param>
    /// <param name="std">Per-channel standard deviations (positive).</param>
    public NormalizedModel(Module inner, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"Normalisation needs one mean and one std per channel; got {mean.Count} means and {std.Count} stds.", nameof(std));
        }

        for (int c = 0; c < std.Count; c++)
        {
            if (!(std[c] > 0) || !float.IsFinite(mean[c]))
            {
                throw new ArgumentOutOfRangeException(nameof(std), $"Channel {c}: mean {mean[c]} must be finite and std {std[c]} positive.");
            }
        }

        Inner = RegisterTransparentModule(inner);
        Mean = [.. mean];
        Std = [.. std];
        _mean = new Var(TensorScope.Untracked(() => Tensor.FromArray(Mean, 1, Mean.Length, 1, 1)));
        _std = new Var(TensorScope.Untracked(() => Tensor.FromArray(Std, 1, Std.Length, 1, 1)));
    }

    /// <summary>The wrapped model.</summary>
    public Module Inner { get; }

    /// <summary>Per-channel means.</summary>
    public float[] Mean { get; }

    /// <summary>Per-channel standard deviations.</summary>
    public float[] Std { get; }

    /// <summary>The statistics as safetensors metadata (<c>input_mean</c>, <c>input_std</c>), so they travel with the weights.</summary>
    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [MeanKey] = string.Join(',', Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        [StdKey] = string.Join(',', Std.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
    };

    /// <summary>This model's inner model wrapped with the statistics stored in <paramref name="metadata"/> by
    /// <see cref="ToMetadata"/>, or this model itself when the metadata holds none.</summary>
    public NormalizedModel WithStatisticsFrom(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(MeanKey, out var mean) || !metadata.TryGetValue(StdKey, out var std))
        {
            return this;
        }

        return new NormalizedModel(Inner, Parse(mean, MeanKey), Parse(std, StdKey));
    }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Rank != 4 || x.Dim(1) != Mean.Length)
        {
            throw new ArgumentException($"NormalizedModel expects images (N, {Mean.Length}, H, W), got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        return Inner.Forward(Ops.Divide(Ops.Subtract(x, _mean), _std));
    }

    private const string MeanKey = "input_mean";
    private const string StdKey = "input_std";

    private static float[] Parse(string values, string key)
    {
        var parts = values.Split(',');
        var result = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                throw new InvalidDataException($"Metadata '{key}' holds '{values}'; expected comma-separated numbers, one per channel.");
            }
        }

        return result;
    }
}
