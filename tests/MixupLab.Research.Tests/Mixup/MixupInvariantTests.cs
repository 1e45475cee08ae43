using MixupLab.Research.Mixup;
using MixupLab.Tensors;

namespace MixupLab.Research.Tests.Mixup;

public class MixupInvariantTests
{
    private static Tensor Batch(int n, params int[] rest)
    {
        var t = Tensor.Empty([n, .. rest]);
        new RandomSource(3).FillUniform(t.Span);
        return t;
    }

    [Fact]
    public void LambdaOneReturnsInputsAndOneHotTargetsUnchanged()
    {
        var x = Batch(6, 3, 4, 4);
        var labels = new[] { 0, 1, 2, 1, 0, 2 };
        var partners = new[] { 5, 4, 3, 2, 1, 0 };
        var ones = Enumerable.Repeat(1f, 6).ToArray();
        Assert.Equal(x.ToArray(), MixupMath.MixInputs(x, partners, ones).ToArray());
        var onehot = MixupMath.OneHot(labels, 3);
        Assert.Equal(onehot.ToArray(), MixupMath.MixTargets(onehot, partners, ones).ToArray());
    }

    [Theory]
    [InlineData(LambdaScope.PerBatch)]
    [InlineData(LambdaScope.PerPair)]
    [InlineData(LambdaScope.PerSample)]
    public void MixedTargetsSumToOneAndMatchTheFormula(LambdaScope scope)
    {
        var x = Batch(9, 5);
        var labels = new[] { 0, 1, 2, 3, 0, 1, 2, 3, 0 };
        var mixer = new BatchMixer(new MixupOptions(Alpha: 0.4, Beta: 0.7, Scope: scope), new RandomSource(11));
        var batch = mixer.Mix(x, labels, 4);
        for (int i = 0; i < 9; i++)
        {
            double rowSum = 0;
            for (int k = 0; k < 4; k++)
            {
                rowSum += batch.Targets[(i * 4) + k];
            }

            Assert.Equal(1.0, rowSum, 5);
            float l = batch.Lambdas[i];
            int j = batch.Partners[i];
            for (int k = 0; k < 4; k++)
            {
                float expected = (l * (labels[i] == k ? 1 : 0)) + ((1 - l) * (labels[j] == k ? 1 : 0));
                Assert.Equal(expected, batch.Targets[(i * 4) + k], 5);
            }

            for (int f = 0; f < 5; f++)
            {
                Assert.Equal((l * x[(i * 5) + f]) + ((1 - l) * x[(j * 5) + f]), batch.Inputs[(i * 5) + f], 5);
            }
        }
    }

    [Fact]
    public void PerPairPartnersAreAMatchingSharingOneLambda()
    {
        var rng = new RandomSource(5);
        var partners = MixupSampling.Partners(rng, 11, LambdaScope.PerPair);
        var lambdas = MixupSampling.Lambdas(rng, partners, LambdaScope.PerPair, 1, 1);
        int selfPaired = 0;
        for (int i = 0; i < 11; i++)
        {
            Assert.Equal(i, partners[partners[i]]);
            Assert.Equal(lambdas[i], lambdas[partners[i]]);
            selfPaired += partners[i] == i ? 1 : 0;
        }

        Assert.Equal(1, selfPaired);
    }

    [Fact]
    public void PerBatchAndPerSamplePartnersArePermutations()
    {
        var rng = new RandomSource(8);
        foreach (var scope in new[] { LambdaScope.PerBatch, LambdaScope.PerSample })
        {
            Assert.Equal(Enumerable.Range(0, 50), MixupSampling.Partners(rng, 50, scope).OrderBy(p => p));
        }

        var perBatch = MixupSampling.Lambdas(rng, new int[10], LambdaScope.PerBatch, 1, 1);
        Assert.All(perBatch, l => Assert.Equal(perBatch[0], l));
        var perSample = MixupSampling.Lambdas(rng, new int[10], LambdaScope.PerSample, 1, 1);
        Assert.True(perSample.Distinct().Count() > 1);
    }

    [Fact]
    public void AlphaZeroIsErm()
    {
        var x = Batch(4, 3);
        var batch = new BatchMixer(new MixupOptions(Alpha: 0), new RandomSource(1)).Mix(x, [0, 1, 0, 1], 2);
        Assert.Equal(MixingMethod.Erm, batch.Method);
        Assert.Equal(x.ToArray(), batch.Inputs.ToArray());
        Assert.Equal(MixupMath.OneHot([0, 1, 0, 1], 2).ToArray(), batch.Targets.ToArray());
    }

    [Fact]
    public void AsymmetricBetaHasTheRightMean()
    {
        var rng = new RandomSource(2);
        double mean = Enumerable.Range(0, 100_000).Average(_ => MixupSampling.SampleLambda(rng, 2, 5));
        Assert.Equal(2.0 / 7.0, mean, 2);
    }

    [Fact]
    public void CutMixLambdaEqualsTheKeptAreaFraction()
    {
        var x = Tensor.Zeros(8, 2, 16, 12);
        for (int i = 0; i < 8; i++)
        {
            x.Span.Slice(i * 2 * 16 * 12, 2 * 16 * 12).Fill(i + 1);
        }

        var mixer = new BatchMixer(new MixupOptions(Method: MixingMethod.CutMix), new RandomSource(21));
        int cuts = 0;
        for (int trial = 0; trial < 20; trial++)
        {
            var batch = mixer.Mix(x, [0, 1, 2, 3, 0, 1, 2, 3], 4);
            for (int i = 0; i < 8; i++)
            {
                if (batch.Partners[i] == i)
                {
                    continue;
                }

                int own = 0;
                for (int p = 0; p < 2 * 16 * 12; p++)
                {
                    own += batch.Inputs[(i * 2 * 16 * 12) + p] == i + 1 ? 1 : 0;
                }

                Assert.Equal(own / (double)(2 * 16 * 12), batch.Lambdas[i], 6);
                cuts += batch.Lambdas[i] < 1 ? 1 : 0;
            }
        }

        Assert.True(cuts > 0, "CutMix never pasted a patch, so the area check checked nothing.");
    }

    [Fact]
    public void SameSeedSameBatches()
    {
        var x = Batch(16, 3, 8, 8);
        var labels = Enumerable.Range(0, 16).Select(i => i % 3).ToArray();
        var o = new MixupOptions(Method: MixingMethod.CutMix, CutMixProbability: 0.5, Scope: LambdaScope.PerSample);
        var a = new BatchMixer(o, RandomSource.Derive(7, "mix"));
        var b = new BatchMixer(o, RandomSource.Derive(7, "mix"));
        for (int step = 0; step < 5; step++)
        {
            Assert.Equal(a.Mix(x, labels, 3).Inputs.ToArray(), b.Mix(x, labels, 3).Inputs.ToArray());
        }
    }

    [Theory]
    [InlineData(-0.1, 1.0, "alpha")]
    [InlineData(1.0, 0.0, "beta")]
    [InlineData(double.NaN, 1.0, "alpha")]
    public void InvalidBetaParametersAreRefusedByName(double alpha, double beta, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MixupOptions(Alpha: alpha, Beta: beta).Validate());
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void LabelsOutOfRangeAreReportedWithTheirIndex()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MixupMath.OneHot([0, 3], 3));
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
    }
}
