using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

public class UnaryGradientTests
{
    public static TheoryData<string> SmoothOps => new() { "Exp", "Log", "Sqrt", "Square", "Tanh", "Sigmoid", "Softplus" };

    public static TheoryData<string> KinkedOps => new() { "Abs", "Relu", "LeakyRelu" };

    [Theory]
    [MemberData(nameof(SmoothOps))]
    public void SmoothUnaryOpsMatchFiniteDifferencesToSecondOrder(string op)
    {
        var x = PositiveOrSigned(op, 2, 3, 4);
        GradCheck.First(v => Apply(op, v[0]), [x]);
        GradCheck.Second(v => Apply(op, v[0]), [x]);
    }

    [Theory]
    [MemberData(nameof(KinkedOps))]
    public void KinkedUnaryOpsMatchFiniteDifferencesAwayFromZero(string op)
    {
        var x = AwayFromZero(3, 3, 5);
        GradCheck.First(v => Apply(op, v[0]), [x]);

        // Second order through a product: d²/dx² of f(x)² is 2 f'(x)² where f'' = 0, which needs the
        // masking rule itself to pass gradients.
        GradCheck.Second(v => Apply(op, v[0]) * Apply(op, v[0]) * v[1], [x, GradCheck.Uniform(4, 0.5f, 1.5f, 3, 5)]);
    }

    [Fact]
    public void ClosedFormValues()
    {
        var x = new Var(Tensor.FromArray([-2f, 0f, 3f], 3));
        Assert.Equal([0f, 0f, 3f], Ops.Relu(x).Value.ToArray());
        Assert.Equal([-0.2f, 0f, 3f], Ops.LeakyRelu(x, 0.1f).Value.ToArray());
        Assert.Equal([2f, 0f, 3f], Ops.Abs(x).Value.ToArray());
        Assert.Equal([4f, 0f, 9f], Ops.Square(x).Value.ToArray());
        Assert.Equal(MathF.Exp(3f), Ops.Exp(x).Value[2], 4);
        Assert.Equal(0.5f, Ops.Sigmoid(x).Value[1]);
        Assert.Equal(MathF.Log(2f), Ops.Softplus(x).Value[1], 6);
        Assert.Equal(MathF.Tanh(-2f), Ops.Tanh(x).Value[0], 6);
        Assert.Equal(2f, Ops.Sqrt(new Var(Tensor.FromArray([4f], 1))).Value[0]);
        Assert.Equal(0f, Ops.Log(new Var(Tensor.FromArray([1f], 1))).Value[0]);
    }

    [Fact]
    public void SoftplusIsStableForLargeMagnitudes()
    {
        var x = new Var(Tensor.FromArray([-100f, -20f, 20f, 100f], 4), requiresGrad: true);
        var y = Ops.Softplus(x);
        Assert.Equal(0f, y.Value[0], 6);
        Assert.Equal(20f, y.Value[2], 5);
        Assert.Equal(100f, y.Value[3]);
        var g = Autograd.Grad(Ops.Sum(y), [x])[0].Value;
        Assert.Equal([0f, 2.0611537e-9f, 1f, 1f], g.ToArray(), (a, b) => Math.Abs(a - b) < 1e-7);
    }

    [Fact]
    public void ReluGradientIsTheMask()
    {
        var x = new Var(Tensor.FromArray([-1f, 2f, -3f, 4f], 4), requiresGrad: true);
        var g = Autograd.Grad(Ops.Sum(Ops.Relu(x)), [x])[0].Value;
        Assert.Equal([0f, 1f, 0f, 1f], g.ToArray());
    }

    internal static Var Apply(string op, Var x) => op switch
    {
        "Exp" => Ops.Exp(x),
        "Log" => Ops.Log(x),
        "Sqrt" => Ops.Sqrt(x),
        "Square" => Ops.Square(x),
        "Tanh" => Ops.Tanh(x),
        "Sigmoid" => Ops.Sigmoid(x),
        "Softplus" => Ops.Softplus(x),
        "Abs" => Ops.Abs(x),
        "Relu" => Ops.Relu(x),
        "LeakyRelu" => Ops.LeakyRelu(x, 0.2f),
        _ => throw new ArgumentException(op),
    };

    private static Tensor PositiveOrSigned(string op, ulong seed, params int[] shape) =>
        op is "Log" or "Sqrt" ? GradCheck.Uniform(seed, 0.5f, 2f, shape) : GradCheck.Uniform(seed, -2f, 2f, shape);

    /// <summary>Uniform magnitudes in [0.2, 1.5) with random signs, so no element is near the kink at 0.</summary>
    internal static Tensor AwayFromZero(ulong seed, params int[] shape)
    {
        var t = GradCheck.Uniform(seed, 0.2f, 1.5f, shape);
        var rng = new RandomSource(seed + 100);
        for (int i = 0; i < t.Length; i++)
        {
            if (rng.NextFloat() < 0.5f)
            {
                t[i] = -t[i];
            }
        }

        return t;
    }
}
