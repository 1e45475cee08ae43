using MixupLab.Tensors.Kernels;
using MixupLab.Testing;

namespace MixupLab.Tensors.Tests;

public class BatchNormKernelTests
{
    [Fact]
    public void VectorisedHelpersMatchScalarLoopsForEveryLength()
    {
        for (int length = 0; length <= 70; length++)
        {
            var x = GradCheck.Uniform((ulong)(100 + length), -2, 3, length);
            var dy = GradCheck.Uniform((ulong)(200 + length), -1, 1, length);
            const float mean = 0.37f;
            double sq = 0;
            double prod = 0;
            for (int i = 0; i < length; i++)
            {
                sq += (double)(x[i] - mean) * (x[i] - mean);
                prod += (double)dy[i] * (x[i] - mean);
            }

            BatchNormKernels.ShiftedSums(x.Span, mean, out double shiftedSum, out double shiftedSq);
            Assert.Equal(sq, shiftedSq, 1e-4);
            Assert.Equal(x.ToArray().Sum(v => (double)v - mean), shiftedSum, 1e-4);
            Assert.Equal(prod, BatchNormKernels.SumProductDeviation(dy.Span, x.Span, mean), 1e-4);
            var y = new float[length];
            BatchNormKernels.ScaleShift(x.Span, 1.5f, -0.25f, y);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal((x[i] * 1.5f) - 0.25f, y[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void TrainingStatisticsStayAccurateForALargeMeanAndASmallSpread()
    {
        const int n = 8;
        const int c = 2;
        const int s = 50;
        var x = new float[n * c * s];
        var rng = new RandomSource(3);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 1000f + (rng.NextFloat() * 0.01f);
        }

        var mean = new float[c];
        var invStd = new float[c];
        var rv = new float[c];
        BatchNormKernels.ForwardTraining(x, [1, 1], [0, 0], new float[x.Length], mean, invStd, null, rv, n, c, s, 1f, 0f);
        for (int ch = 0; ch < c; ch++)
        {
            double mu = 0;
            double sq = 0;
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < s; k++)
                {
                    mu += x[(((i * c) + ch) * s) + k];
                    count++;
                }
            }

            mu /= count;
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < s; k++)
                {
                    double d = x[(((i * c) + ch) * s) + k] - mu;
                    sq += d * d;
                }
            }

            Assert.Equal(mu, mean[ch], 1e-3);
            Assert.Equal(1 / Math.Sqrt(sq / count), invStd[ch], 1e-3 / Math.Sqrt(sq / count));
            Assert.Equal(sq / (count - 1), rv[ch], 1e-3 * sq / count);
        }
    }

    [Fact]
    public void TrainingNeedsMoreThanOneValuePerChannel()
    {
        var e = Assert.Throws<ArgumentException>(() => BatchNormKernels.ForwardTraining(
            new float[3], new float[3], new float[3], new float[3], new float[3], new float[3], null, null, 1, 3, 1, 0.1f, 1e-5f));
        Assert.Contains("N=1", e.Message);
    }
}
