using MixupLab.Data.Synthetic;
using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class GaussianMixtureTests
{
    [Theory]
    [InlineData(2, 3, 4.0)]
    [InlineData(4, 5, 3.0)]
    public void ClassMeansArePairwiseAtTheSeparation(int k, int d, double separation)
    {
        var means = GaussianMixture.Means(k, d, separation);
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                double dist = Math.Sqrt(Enumerable.Range(0, d).Sum(j => Math.Pow(means[(a * d) + j] - means[(b * d) + j], 2)));
                Assert.Equal(separation, dist, 12);
            }
        }
    }

    [Fact]
    public void SamplesHaveClassMeansAndSigma()
    {
        const int N = 40_000, D = 3;
        var (x, y) = GaussianMixture.Generate(N, 2, D, 4.0, 0.5, new RandomSource(1));
        Assert.Equal(N / 2, y.Count(l => l == 1));
        for (int k = 0; k < 2; k++)
        {
            var rows = Enumerable.Range(0, N).Where(i => y[i] == k).ToArray();
            double m0 = rows.Average(i => x[i * D]);
            Assert.Equal(k == 0 ? -2.0 : 2.0, m0, 1);
            double m1 = rows.Average(i => x[(i * D) + 1]);
            Assert.InRange(m1, -0.02, 0.02);
            double s = Math.Sqrt(rows.Average(i => Math.Pow(x[(i * D) + 2], 2)));
            Assert.InRange(s, 0.49, 0.51);
        }
    }

    [Fact]
    public void RegistryHonoursDimensionsAndSizes()
    {
        var splits = DatasetRegistry.LoadSplits(new DatasetRequest("gaussian-mixture") { Seed = 9, Options = new Dictionary<string, string> { ["n"] = "64", ["test-n"] = "32", ["d"] = "128", ["classes"] = "3" } });
        Assert.Equal(64, splits.Train.Count);
        Assert.Equal(32, splits.Test.Count);
        Assert.Equal([128], splits.Train.SampleShape);
        Assert.Equal(3, splits.Train.ClassCount);
        Assert.Equal(128, splits.Train.Normalization.Channels);
    }
}
