using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>The registry's <c>mlp</c>: Linear, ReLU, …, Linear on the flattened input.</summary>
/// <remarks>Widths d-h₁-…-h_L-K: <c>layers = Sequential(Linear(d, h₁), ReLU, Linear(h₁, h₂), ReLU, …, Linear(h_L, K))</c>,
/// so the keys are <c>layers.0.weight</c>, <c>layers.0.bias</c>, <c>layers.2.weight</c>, … (each ReLU takes an index).
/// With <c>bias: false</c> every layer is bias-free (a positively homogeneous network, as the robustness analysis needs).</remarks>
public sealed class Mlp : Module
{
    /// <summary>An MLP.</summary>
    /// <param name="inputs">d.</param>
    /// <param name="hidden">Hidden widths h₁…h_L (may be empty: then a single linear layer).</param>
    /// <param name="classes">K.</param>
    /// <param name="bias">Whether the linear layers have biases.</param>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int classes, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var layers = new Sequential();
        int width = inputs;
        foreach (int h in hidden)
        {
            layers.Append(new Linear(width, h, bias)).Append(new Relu());
            width = h;
        }

        layers.Append(new Linear(width, classes, bias));
        Layers = RegisterModule("layers", layers);
    }

    /// <summary>The layers.</summary>
    public Sequential Layers { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Layers.Forward(x.Shape.Length > 2 ? Ops.Flatten(x, 1) : x);
    }
}
