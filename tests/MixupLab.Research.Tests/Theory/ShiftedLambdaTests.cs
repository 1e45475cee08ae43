using MathNet.Numerics.Integration;
using MixupLab.Research.Theory;
using MixupLab.Tensors;

namespace MixupLab.Research.Tests.Theory;

public class ShiftedLambdaTests
{
    [Theory]
    [InlineData(0.2, 0.142857, 0.071429)]
    [InlineData(0.5, 0.25, 0.125)]
    [InlineData(1.0, 0.333333, 0.166667)]
    [InlineData(2.0, 0.4, 0.2)]
    [InlineData(4.0, 0.444444, 0.222222)]
    public void Symmetric_moments_match_the_paper_spec_table(double alpha, double mean, double meanSquare)
    {
        var d = new ShiftedLambda(alpha, alpha);
        Assert.Equal(mean, d.MeanOneMinusLambda, 6);
        Assert.Equal(meanSquare, d.MeanSquaredOneMinusLambda, 6);
        Assert.Equal(alpha / ((2 * alpha) + 1), d.MeanOneMinusLambda, 12);
    }

    [Theory]
    [InlineData(0.2, double.PositiveInfinity)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(2.0, 3.0)]
    [InlineData(4.0, 5.0 / 3.0)]
    public void Inverse_ratio_moment_is_infinite_unless_both_parameters_exceed_one(double alpha, double expected)
    {
        var d = new ShiftedLambda(alpha, alpha);
        Assert.Equal(double.IsFinite(expected), d.HasFiniteInverseRatioMoment);
        Assert.Equal(expected, d.MeanSquaredRatio, 9);
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(2.0, 0.7)]
    [InlineData(3.0, 1.5)]
    [InlineData(1.0, 1.0)]
    public void Moments_equal_quadrature_of_the_density_for_asymmetric_beta(double alpha, double beta)
    {
        var d = new ShiftedLambda(alpha, beta);
        double Integral(Func<double, double> g) => DoubleExponentialTransformation.Integrate(l => g(l) * d.Density(l), 0, 1, 1e-12);
        // The densities have integrable endpoint singularities when a parameter is below 1: quadrature is good to ~1e-6 there.
        static void Close(double expected, double actual) => Assert.InRange(Math.Abs(actual - expected), 0, 1e-5 * Math.Max(1, Math.Abs(expected)));
        Close(1.0, Integral(_ => 1.0));
        Close(d.MeanOneMinusLambda, Integral(l => 1 - l));
        Close(d.MeanSquaredOneMinusLambda, Integral(l => (1 - l) * (1 - l)));
        if (d.HasFiniteInverseRatioMoment)
        {
            Close(d.MeanSquaredRatio, Integral(l => (1 - l) * (1 - l) / (l * l)));
        }
    }

    [Fact]
    public void Weights_differ_for_asymmetric_beta_and_sum_to_one()
    {
        var d = new ShiftedLambda(3, 1);
        Assert.Equal(0.75, d.FirstWeight, 15);
        Assert.Equal(0.5 * d.MeanOneMinusLambda, d.MeanSquaredOneMinusLambda, 15);
    }

    [Fact]
    public void Samples_match_the_closed_form_moments_within_Monte_Carlo_error()
    {
        var d = new ShiftedLambda(0.5, 2.0);
        var draws = new double[200_000];
        d.Sample(RandomSource.Derive(7, "shifted-lambda"), draws);
        double mean = draws.Average(l => 1 - l);
        double meanSquare = draws.Average(l => (1 - l) * (1 - l));
        double sd = Math.Sqrt(draws.Average(l => Math.Pow(1 - l - mean, 2)) / draws.Length);
        Assert.InRange(mean, d.MeanOneMinusLambda - (5 * sd), d.MeanOneMinusLambda + (5 * sd));
        Assert.Equal(d.MeanSquaredOneMinusLambda, meanSquare, 2);
        Assert.All(draws, l => Assert.InRange(l, 0, 1));
    }

    [Fact]
    public void Same_seed_gives_the_same_draws()
    {
        var d = new ShiftedLambda(1, 1);
        Assert.Equal(d.Sample(RandomSource.Derive(3, "l")), d.Sample(RandomSource.Derive(3, "l")));
    }

    [Theory]
    [InlineData(0.0, 1.0, "alpha")]
    [InlineData(-1.0, 1.0, "alpha")]
    [InlineData(1.0, 0.0, "beta")]
    [InlineData(double.NaN, 1.0, "alpha")]
    public void Invalid_parameters_are_refused_by_name(double alpha, double beta, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedLambda(alpha, beta));
        Assert.Equal(name, e.ParamName);
    }
}
