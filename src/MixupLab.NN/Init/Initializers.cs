using MixupLab.Tensors;

namespace MixupLab.NN.Init;

/// <summary>The parameter initialisations of <c>torch.nn.init</c>, drawing from an explicit <see cref="RandomSource"/>.</summary>
/// <remarks>
/// Fans follow PyTorch: for a weight of shape (out, in, k…), fan_in = in·∏k and fan_out = out·∏k.
/// The values are filled in row-major order, one draw per element, so the same stream state gives the same bits.
/// </remarks>
public static class Initializers
{
    /// <summary>fan_in of a weight shape (out, in, k…).</summary>
    public static int FanIn(ReadOnlySpan<int> shape) => shape.Length < 2
        ? throw new ArgumentException($"A fan needs a weight of rank ≥ 2, got shape {ShapeHelper.Format(shape)}.", nameof(shape))
        : ShapeHelper.Product(shape[1..]);

    /// <summary>fan_out of a weight shape (out, in, k…).</summary>
    public static int FanOut(ReadOnlySpan<int> shape) => shape.Length < 2
        ? throw new ArgumentException($"A fan needs a weight of rank ≥ 2, got shape {ShapeHelper.Format(shape)}.", nameof(shape))
        : shape[0] * ShapeHelper.Product(shape[2..]);

    /// <summary>Uniform in [−bound, bound).</summary>
    public static void Uniform(Tensor tensor, float bound, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        rng.FillUniform(tensor.Span, -bound, bound);
    }

    /// <summary><c>kaiming_uniform_(w, a, mode='fan_in', nonlinearity='leaky_relu')</c>: U(−b, b) with
    /// b = √(2 / (1 + a²)) · √(3 / fan_in). PyTorch's default for Linear and Conv2d weights uses a = √5, giving b = 1/√fan_in.</summary>
    public static void KaimingUniform(Tensor weight, double a, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(weight);
        double gain = Math.Sqrt(2.0 / (1 + (a * a)));
        Uniform(weight, (float)(gain * Math.Sqrt(3.0 / FanIn(weight.Shape))), rng);
    }

    /// <summary><c>kaiming_normal_(w, mode='fan_out', nonlinearity='relu')</c>: N(0, 2 / fan_out), as WideResNet initialises convolutions.</summary>
    public static void KaimingNormalFanOut(Tensor weight, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(rng);
        rng.FillNormal(weight.Span, 0, (float)Math.Sqrt(2.0 / FanOut(weight.Shape)));
    }

    /// <summary>PyTorch's default for Linear and Conv2d: weight kaiming_uniform(a = √5), bias U(±1/√fan_in), weight drawn first.</summary>
    /// <param name="weight">The weight (out, in, k…).</param>
    /// <param name="bias">The bias (out), or null.</param>
    /// <param name="rng">The initialisation stream.</param>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(weight);
        KaimingUniform(weight, Math.Sqrt(5), rng);
        if (bias is not null)
        {
            int fanIn = FanIn(weight.Shape);
            Uniform(bias, fanIn > 0 ? (float)(1 / Math.Sqrt(fanIn)) : 0f, rng);
        }
    }
}
