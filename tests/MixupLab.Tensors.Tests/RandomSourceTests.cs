using MixupLab.Tensors;

namespace MixupLab.Tensors.Tests;

public class RandomSourceTests
{
    [Fact]
    public void SameSeedAndNameGiveSameStreamDifferentNamesDiffer()
    {
        var a = RandomSource.Derive(42, "lambda");
        var b = RandomSource.Derive(42, "lambda");
        var c = RandomSource.Derive(42, "pairing");
        for (int i = 0; i < 100; i++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            Assert.NotEqual(x, c.NextUInt64());
        }
    }

    [Fact]
    public void StateRoundTripsMidNormalPair()
    {
        var a = new RandomSource(9);
        a.NextNormal();
        var state = a.GetState();
        var expected = Enumerable.Range(0, 10).Select(_ => a.NextNormal()).ToArray();
        var b = new RandomSource(1);
        b.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(_ => b.NextNormal()).ToArray());
    }

    [Theory]
    [InlineData(0.2, 0.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 3.0)]
    [InlineData(0.5, 4.0)]
    public void BetaMomentsMatchTheory(double a, double b)
    {
        var rng = new RandomSource(123);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextBeta(a, b);
            Assert.InRange(x, 0.0, 1.0);
            sum += x;
            sumSq += x * x;
        }

        double mean = sum / n, variance = (sumSq / n) - (mean * mean);
        double expectedMean = a / (a + b);
        double expectedVar = a * b / ((a + b) * (a + b) * (a + b + 1));
        double se = Math.Sqrt(expectedVar / n);
        Assert.InRange(mean, expectedMean - (5 * se), expectedMean + (5 * se));
        Assert.InRange(variance, expectedVar * 0.97, expectedVar * 1.03);
    }

    [Fact]
    public void PermutationIsAPermutation()
    {
        var p = new RandomSource(5).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.OrderBy(x => x));
    }

    [Fact]
    public void NextIntIsUniform()
    {
        var rng = new RandomSource(77);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
