using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Layers;

/// <summary>Inverted dropout, as <c>torch.nn.Dropout</c>: in training each element is zeroed with probability p and the
/// survivors scaled by 1/(1 − p); in evaluation the identity.</summary>
/// <remarks>Masks are drawn from the layer's own seeded stream, so they do not disturb any other random draw.</remarks>
public sealed class Dropout : Module
{
    /// <summary>A dropout layer.</summary>
    /// <param name="p">The drop probability in [0, 1).</param>
    /// <param name="rng">The stream masks are drawn from (e.g. <c>RandomSource.Derive(seed, "dropout")</c>).</param>
    public Dropout(float p, RandomSource rng)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The dropout probability must lie in [0, 1).");
        }

        P = p;
        Random = rng ?? throw new ArgumentNullException(nameof(rng));
    }

    /// <summary>The drop probability.</summary>
    public float P { get; }

    /// <summary>The mask stream (its state belongs in checkpoints).</summary>
    public RandomSource Random { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.Dropout(x, P, IsTraining, Random);
}
