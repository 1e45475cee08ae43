using System.Globalization;
using MixupLab.Tensors;

namespace MixupLab.Research.Theory;

/// <summary>The shifted mixing distribution D̃λ of the Mixup-loss rewrite: under it each sample keeps its own label and moves
/// toward a random training input by (1 − λ).</summary>
/// <remarks>
/// D̃λ = α/(α+β) · Beta(α+1, β) + β/(α+β) · Beta(β+1, α) (paper-spec §2.4; the paper's Lemma 3.1). The weights differ unless
/// α = β; for α = β both components are Beta(α+1, α). Closed-form moments:
/// E[1−λ] = 2αβ / ((α+β)(α+β+1)); E[(1−λ)²] = αβ / ((α+β)(α+β+1)) = ½·E[1−λ];
/// E[(1−λ)²/λ²] = [β(β+1)/(α−1) + α(α+1)/(β−1)] / (α+β) when α &gt; 1 and β &gt; 1, and +∞ otherwise
/// (the integral diverges at λ = 0).
/// </remarks>
public sealed class ShiftedLambda
{
    /// <summary>Creates D̃λ for the Mixup distribution λ ~ Beta(<paramref name="alpha"/>, <paramref name="beta"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">α or β is not a finite positive number (α = 0 is ERM, which has no D̃λ).</exception>
    public ShiftedLambda(double alpha, double beta)
    {
        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Invalid alpha: D̃λ needs a finite α > 0 (α = 0 is ERM, with no mixing).");
        }

        if (!double.IsFinite(beta) || beta <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Invalid beta: D̃λ needs a finite β > 0.");
        }

        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>α of the Mixup distribution Beta(α, β).</summary>
    public double Alpha { get; }

    /// <summary>β of the Mixup distribution Beta(α, β).</summary>
    public double Beta { get; }

    /// <summary>Weight α/(α+β) of the first component Beta(α+1, β); the second, Beta(β+1, α), has weight β/(α+β).</summary>
    public double FirstWeight => Alpha / (Alpha + Beta);

    /// <summary>E[1 − λ] under D̃λ: 2αβ / ((α+β)(α+β+1)).</summary>
    public double MeanOneMinusLambda => 2 * Alpha * Beta / ((Alpha + Beta) * (Alpha + Beta + 1));

    /// <summary>E[(1 − λ)²] under D̃λ: αβ / ((α+β)(α+β+1)).</summary>
    public double MeanSquaredOneMinusLambda => Alpha * Beta / ((Alpha + Beta) * (Alpha + Beta + 1));

    /// <summary>True when E[(1 − λ)²/λ²] is finite, i.e. α &gt; 1 and β &gt; 1.</summary>
    public bool HasFiniteInverseRatioMoment => Alpha > 1 && Beta > 1;

    /// <summary>E[(1 − λ)²/λ²] under D̃λ, the coefficient of the GLM regularizer (paper-spec §5.1); +∞ unless α &gt; 1 and β &gt; 1.</summary>
    public double MeanSquaredRatio => HasFiniteInverseRatioMoment
        ? ((Beta * (Beta + 1) / (Alpha - 1)) + (Alpha * (Alpha + 1) / (Beta - 1))) / (Alpha + Beta)
        : double.PositiveInfinity;

    /// <summary>Density of D̃λ at <paramref name="lambda"/> in (0, 1).</summary>
    public double Density(double lambda) =>
        (FirstWeight * MathNet.Numerics.Distributions.Beta.PDF(Alpha + 1, Beta, lambda))
        + ((1 - FirstWeight) * MathNet.Numerics.Distributions.Beta.PDF(Beta + 1, Alpha, lambda));

    /// <summary>Draws one λ from D̃λ: the component by its weight, then λ from that Beta, all from <paramref name="random"/>.</summary>
    public double Sample(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < FirstWeight ? random.NextBeta(Alpha + 1, Beta) : random.NextBeta(Beta + 1, Alpha);
    }

    /// <summary>Fills <paramref name="destination"/> with independent draws from D̃λ.</summary>
    public void Sample(RandomSource random, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Sample(random);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"D̃λ(α={Alpha:R}, β={Beta:R})");
}
