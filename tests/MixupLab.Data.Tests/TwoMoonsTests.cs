using System.Globalization;
using MixupLab.Data.Synthetic;
using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class TwoMoonsTests
{
    /// <summary>Rows (n, index, x, y, label) of scikit-learn's make_moons(n, shuffle=False, noise=None); see tools/make_moons_fixture.py.</summary>
    private static List<(int N, int Index, double X, double Y, int Label)> Fixture() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "make_moons.csv"))
            .Where(l => !l.StartsWith('#') && !l.StartsWith('n'))
            .Select(l => l.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public void NoiseFreeUnshuffledMatchesScikitLearn()
    {
        var rows = Fixture();
        Assert.Equal(2 + 3 + 7 + 10 + 101 + 200, rows.Count);
        foreach (var group in rows.GroupBy(r => r.N))
        {
            var (points, labels) = TwoMoons.Generate(group.Key, 0, shuffle: false, new RandomSource(0));
            foreach (var r in group)
            {
                Assert.Equal(r.X, points[2 * r.Index], 1e-6);
                Assert.Equal(r.Y, points[(2 * r.Index) + 1], 1e-6);
                Assert.Equal(r.Label, labels[r.Index]);
            }
        }
    }

    [Fact]
    public void ShuffleIsAPermutationOfTheConstruction()
    {
        var (plain, plainLabels) = TwoMoons.Generate(101, 0, shuffle: false, new RandomSource(0));
        var (shuffled, labels) = TwoMoons.Generate(101, 0, shuffle: true, new RandomSource(5));
        var a = Enumerable.Range(0, 101).Select(i => (plain[2 * i], plain[(2 * i) + 1], plainLabels[i])).Order().ToArray();
        var b = Enumerable.Range(0, 101).Select(i => (shuffled[2 * i], shuffled[(2 * i) + 1], labels[i])).Order().ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(plainLabels, labels);
        Assert.Equal(50, labels.Count(l => l == 0));
    }

    [Fact]
    public void NoiseHasTheRequestedStandardDeviation()
    {
        // With noise only statistical properties can match scikit-learn (its draws come from NumPy):
        // the residuals from the noise-free construction must be N(0, noise²) in each coordinate.
        const int N = 20_000;
        const double Noise = 0.1;
        var (clean, _) = TwoMoons.Generate(N, 0, shuffle: false, new RandomSource(0));
        var (noisy, _) = TwoMoons.Generate(N, Noise, shuffle: false, new RandomSource(11));
        var residuals = Enumerable.Range(0, 2 * N).Select(i => (double)noisy[i] - clean[i]).ToArray();
        double mean = residuals.Average();
        double std = Math.Sqrt(residuals.Select(r => (r - mean) * (r - mean)).Sum() / (residuals.Length - 1));
        // Standard errors: mean 0.1/√40000 = 5e-4, std 0.1/√80000 ≈ 3.5e-4; allow 5 of them.
        Assert.InRange(mean, -2.5e-3, 2.5e-3);
        Assert.InRange(std, Noise - 1.8e-3, Noise + 1.8e-3);
        double kurtosis = residuals.Select(r => Math.Pow((r - mean) / std, 4)).Average();
        Assert.InRange(kurtosis, 2.9, 3.1);
    }

    [Fact]
    public void RegistrySplitsAndIsSeeded()
    {
        var request = new DatasetRequest("two-moons") { Seed = 3, Options = new Dictionary<string, string> { ["n"] = "500", ["noise"] = "0.2", ["test-fraction"] = "0.3" } };
        var a = DatasetRegistry.LoadSplits(request);
        var b = DatasetRegistry.LoadSplits(request);
        var c = DatasetRegistry.LoadSplits(request with { Seed = 4 });
        Assert.Equal(350, a.Train.Count);
        Assert.Equal(150, a.Test.Count);
        Assert.Equal([2], a.Train.SampleShape);
        Assert.Equal(a.Train.RawValues.ToArray(), b.Train.RawValues.ToArray());
        Assert.NotEqual(a.Train.RawValues.ToArray(), c.Train.RawValues.ToArray());
        Assert.Equal([250, 250], a.Train.ClassCounts().Zip(a.Test.ClassCounts(), (x, y) => x + y));
    }

    [Fact]
    public void UnknownOptionIsRejectedWithTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load(new DatasetRequest("two-moons") { Options = new Dictionary<string, string> { ["nn"] = "5" } }));
        Assert.Contains("nn", e.Message);
        Assert.Contains("noise", e.Message);
    }
}
