using MixupLab.Tensors;

namespace MixupLab.Research.Mixup;

/// <summary>Pure, seeded draws of mixing weights and partners.</summary>
public static class MixupSampling
{
    /// <summary>λ ~ Beta(α, β); α = 0 means ERM and returns exactly 1 (β is then ignored).</summary>
    /// <remarks>The paper allows an asymmetric Beta(α, β) (paper-spec §2.2). β = 0 with α &gt; 0 is refused.</remarks>
    public static double SampleLambda(RandomSource rng, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Validate(alpha, beta);
        return alpha == 0 ? 1.0 : rng.NextBeta(alpha, beta);
    }

    /// <summary>Checks α ≥ 0 and, when α &gt; 0, β &gt; 0; both finite.</summary>
    public static void Validate(double alpha, double beta)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite number ≥ 0 (0 means ERM).");
        }

        if (alpha > 0 && (!(beta > 0) || double.IsInfinity(beta)))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be a finite number > 0 when alpha > 0.");
        }
    }

    /// <summary>Partner index of every example for <paramref name="scope"/>.</summary>
    /// <remarks>PerBatch and PerSample: a uniformly random permutation π, so example i mixes with π(i)
    /// (it may be itself). PerPair: a random perfect matching, so partner(partner(i)) = i.</remarks>
    public static int[] Partners(RandomSource rng, int count, LambdaScope scope)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = rng.Permutation(count);
        if (scope != LambdaScope.PerPair)
        {
            return order;
        }

        var partners = new int[count];
        for (int p = 0; p + 1 < count; p += 2)
        {
            partners[order[p]] = order[p + 1];
            partners[order[p + 1]] = order[p];
        }

        if (count % 2 == 1)
        {
            partners[order[count - 1]] = order[count - 1];
        }

        return partners;
    }

    /// <summary>One λ per example, drawn according to <paramref name="scope"/>; all 1 when α = 0.</summary>
    /// <remarks>PerPair draws once per pair and gives both members the same λ (each keeps weight λ on itself).</remarks>
    public static float[] Lambdas(RandomSource rng, int[] partners, LambdaScope scope, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(partners);
        var lambdas = new float[partners.Length];
        switch (scope)
        {
            case LambdaScope.PerBatch:
                Array.Fill(lambdas, (float)SampleLambda(rng, alpha, beta));
                break;
            case LambdaScope.PerSample:
                for (int i = 0; i < lambdas.Length; i++)
                {
                    lambdas[i] = (float)SampleLambda(rng, alpha, beta);
                }

                break;
            case LambdaScope.PerPair:
                var drawn = new bool[partners.Length];
                for (int i = 0; i < lambdas.Length; i++)
                {
                    if (!drawn[i])
                    {
                        lambdas[i] = lambdas[partners[i]] = (float)SampleLambda(rng, alpha, beta);
                        drawn[i] = drawn[partners[i]] = true;
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown λ scope.");
        }

        return lambdas;
    }
}
