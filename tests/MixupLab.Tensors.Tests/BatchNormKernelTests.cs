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

            Assert.Equal(sq, BatchNormKernels.SumSquaredDeviation(x.Span, mean), 1e-4);
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
    public void TrainingNeedsMoreThanOneValuePerChannel()
    {
        var e = Assert.Throws<ArgumentException>(() => BatchNormKernels.ForwardTraining(
            new float[3], new float[3], new float[3], new float[3], new float[3], new float[3], null, null, 1, 3, 1, 0.1f, 1e-5f));
        Assert.Contains("N=1", e.Message);
    }
}
