using MixupLab.Autodiff;
using MixupLab.NN.Init;
using MixupLab.Tensors;

namespace MixupLab.NN.Layers;

/// <summary>A fully connected layer y = x·Wᵀ + b, as <c>torch.nn.Linear</c>.</summary>
/// <remarks>Input (N, in), output (N, out). Parameters <c>weight</c> (out, in) and, unless bias-free, <c>bias</c> (out).
/// Initialisation (PyTorch's default): weight U(±1/√in) via kaiming_uniform(a = √5), then bias U(±1/√in).</remarks>
public sealed class Linear : Module
{
    /// <summary>A linear layer.</summary>
    /// <param name="inFeatures">in.</param>
    /// <param name="outFeatures">out.</param>
    /// <param name="bias">Whether to add a learned bias.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", outFeatures, inFeatures);
        Bias = bias ? RegisterParameter("bias", outFeatures) : null;
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight (out, in).</summary>
    public Var Weight { get; }

    /// <summary>The bias (out), or null when bias-free.</summary>
    public Var? Bias { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != 2 || x.Dim(1) != InFeatures)
        {
            throw new ArgumentException($"Linear({InFeatures}, {OutFeatures}) expects input (N, {InFeatures}), got {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        return Ops.Linear(x, Weight, Bias);
    }

    /// <inheritdoc/>
    protected override void ResetParameters(RandomSource rng) => Initializers.PyTorchDefault(Weight.Value, Bias?.Value, rng);
}
