using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>The registry's <c>logreg</c>: one linear layer on the flattened input.</summary>
/// <remarks>Input (N, …) with d features after flattening, output (N, K) logits (K = 1: one logit for binary
/// cross-entropy). Keys <c>linear.weight</c> (K, d), <c>linear.bias</c> (K).</remarks>
public sealed class LogisticRegression : Module
{
    /// <summary>A logistic regression model.</summary>
    /// <param name="inputs">d.</param>
    /// <param name="classes">K.</param>
    /// <param name="bias">Whether the linear layer has a bias.</param>
    public LogisticRegression(int inputs, int classes, bool bias = true)
    {
        Linear = RegisterModule("linear", new Linear(inputs, classes, bias));
    }

    /// <summary>The linear layer.</summary>
    public Linear Linear { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Linear.Forward(x.Shape.Length > 2 ? Ops.Flatten(x, 1) : x);
    }
}
