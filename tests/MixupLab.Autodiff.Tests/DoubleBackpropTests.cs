using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

/// <summary>Objectives that contain input gradients (as the paper's regularizers do), differentiated again.</summary>
public class DoubleBackpropTests
{
    private static readonly int[] _labels = [1, 0, 2];

    public static TheoryData<string> Activations => new() { "Softplus", "Tanh", "LeakyRelu" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void InputGradientPenaltyOfAnMlpMatchesFiniteDifferences(string activation)
    {
        var x = GradCheck.Uniform(1, -1f, 1f, 3, 4);
        var w1 = GradCheck.Uniform(2, -1f, 1f, 5, 4);
        var b1 = GradCheck.Uniform(3, -0.5f, 0.5f, 5);
        var w2 = GradCheck.Uniform(4, -1f, 1f, 3, 5);
        GradCheck.First(v => Penalty(v, activation), [x, w1, b1, w2], rtol: 3e-2, atol: 3e-3);
    }

    [Fact]
    public void SoftTargetAndBinaryLossInputGradientsAreDifferentiable()
    {
        var x = GradCheck.Uniform(5, -1f, 1f, 3, 4);
        var w = GradCheck.Uniform(6, -1f, 1f, 3, 4);
        var t = GradCheck.Uniform(7, 0f, 1f, 3, 3);
        GradCheck.First(
            v =>
            {
                using var record = GradMode.Set(true);
                var loss = Ops.SoftCrossEntropy(Ops.Linear(v[0], v[1]), v[2]) + Ops.BinaryCrossEntropyWithLogits(Ops.Linear(v[0], v[1]), v[2]);
                var gx = Autograd.Grad(loss, [v[0]], createGraph: true)[0];
                return Ops.Sum(gx * v[0]);
            },
            [x, w, t]);
    }

    private static Var Penalty(Var[] v, string activation)
    {
        using var record = GradMode.Set(true);
        var h = Ops.Linear(v[0], v[1], v[2]);
        h = activation switch
        {
            "Softplus" => Ops.Softplus(h),
            "Tanh" => Ops.Tanh(h),
            _ => Ops.LeakyRelu(h, 0.3f),
        };
        var loss = Ops.CrossEntropy(Ops.Linear(h, v[3]), _labels);
        var gx = Autograd.Grad(loss, [v[0]], createGraph: true)[0];
        return Ops.Sum(Ops.Square(gx));
    }
}
