using MixupLab.Tensors;

namespace MixupLab.Research.Mixup;

/// <summary>Applies the configured mixing to training batches, drawing from its own seeded stream.</summary>
/// <remarks>Every draw (whether to mix, which method, partners, λ, CutMix box) comes from the one
/// <see cref="RandomSource"/> given at construction, in a fixed order, so a seed reproduces every batch.</remarks>
public sealed class BatchMixer
{
    private readonly RandomSource _rng;

    /// <summary>A mixer for <paramref name="options"/> drawing from <paramref name="rng"/>.</summary>
    public BatchMixer(MixupOptions options, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _rng = rng ?? throw new ArgumentNullException(nameof(rng));
    }

    /// <summary>The configuration.</summary>
    public MixupOptions Options { get; }

    /// <summary>Mixes a batch of inputs (N, ...) with integer labels into inputs and soft targets (N, K).</summary>
    public MixedBatch Mix(Tensor inputs, int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Length;
        var targets = MixupMath.OneHot(labels, classes, Options.LabelSmoothing);
        bool mix = Options.Method != MixingMethod.Erm && Options.Alpha > 0 && n > 0
            && (Options.MixProbability >= 1 || _rng.NextDouble() < Options.MixProbability);
        if (!mix)
        {
            return new MixedBatch(inputs.Clone(), targets, Identity(n), Ones(n), MixingMethod.Erm);
        }

        bool cutMix = Options.Method == MixingMethod.CutMix
            && (Options.CutMixProbability >= 1 || _rng.NextDouble() < Options.CutMixProbability);
        if (cutMix)
        {
            if (inputs.Rank != 4)
            {
                throw new ArgumentException($"CutMix needs image batches (N, C, H, W), not {ShapeHelper.Format(inputs.Shape)}.", nameof(inputs));
            }

            var partners = MixupSampling.Partners(_rng, n, LambdaScope.PerBatch);
            double lambda = MixupSampling.SampleLambda(_rng, Options.Alpha, Options.Beta);
            var box = CutMixBox.Sample(_rng, inputs.Dim(2), inputs.Dim(3), lambda);
            var lambdas = new float[n];
            Array.Fill(lambdas, (float)box.CorrectedLambda(inputs.Dim(2), inputs.Dim(3)));
            return new MixedBatch(box.Apply(inputs, partners), MixupMath.MixTargets(targets, partners, lambdas), partners, lambdas, MixingMethod.CutMix);
        }

        var p = MixupSampling.Partners(_rng, n, Options.Scope);
        var l = MixupSampling.Lambdas(_rng, p, Options.Scope, Options.Alpha, Options.Beta);
        return new MixedBatch(MixupMath.MixInputs(inputs, p, l), MixupMath.MixTargets(targets, p, l), p, l, MixingMethod.Mixup);
    }

    private static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    private static float[] Ones(int n)
    {
        var a = new float[n];
        Array.Fill(a, 1f);
        return a;
    }
}
