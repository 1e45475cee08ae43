using MixupLab.Tensors;

namespace MixupLab.Data.Synthetic;

/// <summary>K Gaussian classes in d dimensions with a chosen separation, for the theory and calibration
/// experiments (d/n sweeps).</summary>
/// <remarks>
/// Class k has mean μ_k and covariance σ²·I. For K = 2 the means are ∓(s/2)·e₁ (the symmetric two-Gaussian
/// model x | y ~ N(±μ, σ²I) with ‖μ₁ − μ₀‖ = s). For K &gt; 2 the means are (s/√2)·e_k (requires K ≤ d), so every
/// pair of means is at distance s. Labels are balanced (sample i has class i mod K before the shuffle).
/// Train and test are drawn independently from streams derived from the seed.
/// </remarks>
public static class GaussianMixture
{
    /// <summary>Class means, shape (K, d) row-major.</summary>
    public static double[] Means(int classes, int dimensions, double separation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (classes > 2 && classes > dimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"K > 2 classes need at least K dimensions; d = {dimensions}.");
        }

        var means = new double[classes * dimensions];
        if (classes == 2)
        {
            means[0] = -separation / 2;
            means[dimensions] = separation / 2;
        }
        else
        {
            for (int k = 0; k < classes; k++)
            {
                means[(k * dimensions) + k] = separation / Math.Sqrt(2);
            }
        }

        return means;
    }

    /// <summary>Draws <paramref name="n"/> labelled points.</summary>
    public static (float[] Points, int[] Labels) Generate(int n, int classes, int dimensions, double separation, double sigma, RandomSource rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sigma);
        ArgumentNullException.ThrowIfNull(rng);
        var means = Means(classes, dimensions, separation);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
        }

        rng.Shuffle(labels.AsSpan());
        var points = new float[(long)n * dimensions];
        for (int i = 0; i < n; i++)
        {
            int k = labels[i];
            for (int j = 0; j < dimensions; j++)
            {
                points[((long)i * dimensions) + j] = (float)(means[(k * dimensions) + j] + (sigma * rng.NextNormal()));
            }
        }

        return (points, labels);
    }

    /// <summary>Independent train (<paramref name="n"/>) and test (<paramref name="testCount"/>) sets.</summary>
    public static (Dataset Train, Dataset Test) Load(int n, int testCount, int classes, int dimensions, double separation, double sigma, ulong seed)
    {
        var names = Enumerable.Range(0, classes).Select(k => $"class {k}").ToArray();
        var source = $"gaussian-mixture(K={classes}, d={dimensions}, separation={separation}, sigma={sigma}, seed={seed})";
        var (trainX, trainY) = Generate(n, classes, dimensions, separation, sigma, RandomSource.Derive(seed, "gaussian-mixture/train"));
        var (testX, testY) = Generate(testCount, classes, dimensions, separation, sigma, RandomSource.Derive(seed, "gaussian-mixture/test"));
        var train = Dataset.FromFloats("gaussian-mixture", $"{source}; train n={n}", trainX, [dimensions], trainY, names);
        var test = Dataset.FromFloats("gaussian-mixture", $"{source}; test n={testCount}", testX, [dimensions], testY, names, train.Normalization);
        return (train, test);
    }
}
