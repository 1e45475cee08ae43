using MixupLab.Tensors;

namespace MixupLab.Data.Synthetic;

/// <summary>The two interleaving half circles of scikit-learn's <c>make_moons</c>, with a seeded stream.</summary>
/// <remarks>
/// With n_out = ⌊n/2⌋ and n_in = n − n_out: the outer arc is (cos t, sin t) with label 0 for
/// t = linspace(0, π, n_out); the inner arc is (1 − cos t, 1 − sin t − 0.5) with label 1 for
/// t = linspace(0, π, n_in). As in scikit-learn the points are then shuffled (when asked) and Gaussian noise of
/// standard deviation <c>noise</c> is added to both coordinates. Coordinates are computed in double and
/// stored as float32, shape (n, 2). Only the noise-free, unshuffled construction can equal scikit-learn's bit
/// for bit; its random draws come from NumPy's generator, ours from <see cref="RandomSource"/>.
/// </remarks>
public static class TwoMoons
{
    /// <summary>Generates the points and labels.</summary>
    /// <param name="n">Number of points (at least 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (0 for none).</param>
    /// <param name="shuffle">Whether to shuffle the points (before the noise, as scikit-learn does).</param>
    /// <param name="rng">Stream for the shuffle and the noise.</param>
    public static (float[] Points, int[] Labels) Generate(int n, double noise, bool shuffle, RandomSource rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        ArgumentNullException.ThrowIfNull(rng);
        int nOut = n / 2;
        int nIn = n - nOut;
        var x = new double[n];
        var y = new double[n];
        var labels = new int[n];
        for (int i = 0; i < nOut; i++)
        {
            double t = Linspace(i, nOut);
            x[i] = Math.Cos(t);
            y[i] = Math.Sin(t);
        }

        for (int i = 0; i < nIn; i++)
        {
            double t = Linspace(i, nIn);
            x[nOut + i] = 1 - Math.Cos(t);
            y[nOut + i] = 1 - Math.Sin(t) - 0.5;
            labels[nOut + i] = 1;
        }

        var order = shuffle ? rng.Permutation(n) : Enumerable.Range(0, n).ToArray();
        var points = new float[2 * n];
        var shuffledLabels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int j = order[i];
            double nx = noise > 0 ? noise * rng.NextNormal() : 0;
            double ny = noise > 0 ? noise * rng.NextNormal() : 0;
            points[2 * i] = (float)(x[j] + nx);
            points[(2 * i) + 1] = (float)(y[j] + ny);
            shuffledLabels[i] = labels[j];
        }

        return (points, shuffledLabels);
    }

    /// <summary>Train and test datasets: <paramref name="n"/> points shuffled, the last ⌊testFraction·n⌋ for test.</summary>
    public static (Dataset Train, Dataset Test) Load(int n, double noise, double testFraction, ulong seed)
    {
        if (!(testFraction >= 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in [0, 1).");
        }

        var (points, labels) = Generate(n, noise, shuffle: true, RandomSource.Derive(seed, "two-moons"));
        int nTest = (int)Math.Floor(testFraction * n);
        int nTrain = n - nTest;
        var source = $"make_moons(n={n}, noise={noise}, seed={seed})";
        string[] names = ["outer (0)", "inner (1)"];
        var train = Dataset.FromFloats("two-moons", $"{source}; first {nTrain} points", points[..(2 * nTrain)], [2], labels[..nTrain], names);
        var test = Dataset.FromFloats("two-moons", $"{source}; last {nTest} points", points[(2 * nTrain)..], [2], labels[nTrain..], names, train.Normalization);
        return (train, test);
    }

    /// <summary>NumPy's <c>linspace(0, π, count)[i]</c>: <c>i · (π / (count − 1))</c>, the last point exactly π.</summary>
    private static double Linspace(int i, int count)
    {
        if (count == 1)
        {
            return 0;
        }

        return i == count - 1 ? Math.PI : i * (Math.PI / (count - 1));
    }
}
