using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>Float32 comparisons against float64-computed PyTorch references.</summary>
internal static class GoldenAssert
{
    /// <summary>Asserts equal shapes and |actual − expected| ≤ atol·max|expected| + rtol·|expected| elementwise.</summary>
    public static void Close(Tensor expected, Tensor actual, string what, double rtol = 1e-4, double atol = 1e-5)
    {
        Assert.True(
            expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape {ShapeHelper.Format(actual.Shape)}, expected {ShapeHelper.Format(expected.Shape)}");
        Close(expected.Span, actual.Span, what, rtol, atol);
    }

    /// <summary>Elementwise comparison of flat spans (see the tensor overload).</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double rtol = 1e-4, double atol = 1e-5)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} elements, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            // A NaN or infinite golden value would make every tolerance NaN or infinite, so anything would pass.
            Assert.True(float.IsFinite(expected[i]), $"{what}: expected element {i} is {expected[i]}; golden values must be finite.");
        }

        double scale = 0;
        foreach (float e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        double absTol = atol * Math.Max(scale, 1e-30);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)actual[i] - expected[i]);
            double excess = diff - (absTol + rtol * Math.Abs(expected[i]));
            if (double.IsNaN(diff) || excess > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(diff) ? double.PositiveInfinity : excess;
            }
        }

        Assert.True(
            worst < 0,
            worst < 0 ? string.Empty : $"{what}: element {worst} is {actual[worst]:R}, expected {expected[worst]:R} (max |expected| {scale:G4}, rtol {rtol}, atol {atol}·max)");
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance for scalars.</summary>
    public static void Scalar(double expected, double actual, string what, double rtol = 1e-5)
    {
        double tol = rtol * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tol, $"{what}: {actual:R}, expected {expected:R} (tolerance {tol:G3})");
    }
}
