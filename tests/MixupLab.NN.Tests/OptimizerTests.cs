using MixupLab.Autodiff;
using MixupLab.NN.Optim;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public class OptimizerTests
{
    private static readonly float[][] _grads = [[0.5f, 1.0f], [-0.25f, 2.0f], [1.5f, -0.5f]];

    private static Var Param() => new(Tensor.FromArray([1f, -2f], 2), requiresGrad: true);

    private static float[][] Run(Optimizer opt, Var p, int steps)
    {
        var result = new float[steps][];
        for (int s = 0; s < steps; s++)
        {
            // Accumulate the gradient as backward would, into the tensor ZeroGrad cleared.
            if (p.Grad is null)
            {
                p.Grad = Tensor.FromArray(_grads[s], 2);
            }
            else
            {
                for (int i = 0; i < 2; i++)
                {
                    p.Grad[i] += _grads[s][i];
                }
            }

            opt.Step();
            opt.ZeroGrad();
            result[s] = p.Value.ToArray();
        }

        return result;
    }

    private static void Near(double[] expected, float[] actual, double tol = 2e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void PlainSgd()
    {
        var p = Param();
        var r = Run(new Sgd([("p", p)], 0.1), p, 2);
        Near([0.95, -2.1], r[0]);
        Near([0.975, -2.3], r[1]);
    }

    [Fact]
    public void SgdMomentumWithWeightDecay()
    {
        var p = Param();
        var r = Run(new Sgd([("p", p)], 0.1, momentum: 0.9, weightDecay: 0.01), p, 3);
        Near([0.949, -2.098], r[0]);
        Near([0.927151, -2.384102], r[1]);
        Near([0.756559749, -2.589209698], r[2]);
    }

    [Fact]
    public void SgdNesterovWithWeightDecay()
    {
        var p = Param();
        var r = Run(new Sgd([("p", p)], 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01), p, 3);
        Near([0.9031, -2.1862], r[0]);
        Near([0.90757411, -2.64142622], r[1]);
        Near([0.603189208191, -2.773078688182], r[2]);
    }

    [Fact]
    public void AdamDefaults()
    {
        var p = Param();
        var r = Run(new Adam([("p", p)], 0.1), p, 3);
        Near([0.900000002, -2.099999999], r[0]);
        Near([0.8733662987078463, -2.1965182009718336], r[1]);
        Near([0.8063162429161115, -2.255378873799763], r[2]);
    }

    [Fact]
    public void AdamWithWeightDecayAndOtherBetas()
    {
        var p = Param();
        var r = Run(new Adam([("p", p)], 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-3, weightDecay: 0.1), p, 3);
        Near([0.9900166389351082, -2.009987515605493], r[0]);
        Near([0.985839067133735, -2.0196970622075443], r[1]);
        Near([0.9781656399428358, -2.02393673730252], r[2]);
    }

    [Fact]
    public void ZeroGradClearsInPlaceAndSkipsMissingGradients()
    {
        var p = Param();
        var q = new Var(Tensor.FromArray([3f], 1), requiresGrad: true);
        var opt = new Sgd([("p", p), ("q", q)], 0.5);
        p.Grad = Tensor.FromArray([1f, 1f], 2);
        var g = p.Grad;
        opt.Step();
        Assert.Equal([0.5f, -2.5f], p.Value.ToArray());
        Assert.Equal([3f], q.Value.ToArray());
        opt.ZeroGrad();
        Assert.Same(g, p.Grad);
        Assert.Equal([0f, 0f], g.ToArray());
    }

    [Fact]
    public void StateRoundTripResumesTheExactTrajectory()
    {
        foreach (var make in new Func<Var, Optimizer>[]
        {
            v => new Sgd([("layer.weight", v)], 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
            v => new Adam([("layer.weight", v)], 0.1, weightDecay: 0.01),
        })
        {
            var p = Param();
            var full = make(p);
            var reference = Run(full, p, 3)[2];

            var p2 = Param();
            var first = make(p2);
            Run(first, p2, 1);
            var state = first.StateDict();
            Assert.All(state.Keys, k => Assert.StartsWith("state.layer.weight.", k));

            var resumed = make(p2);
            resumed.LoadStateDict(state);
            p2.Grad = null;
            for (int s = 1; s < 3; s++)
            {
                p2.Grad = Tensor.FromArray(_grads[s], 2);
                resumed.Step();
            }

            Assert.Equal(reference, p2.Value.ToArray());
        }
    }

    [Fact]
    public void SgdStateUsesPyTorchKey()
    {
        var p = Param();
        var opt = new Sgd([("fc.bias", p)], 0.1, momentum: 0.9);
        Assert.Empty(opt.StateDict());
        Run(opt, p, 1);
        var state = opt.StateDict();
        Assert.Equal(["state.fc.bias.momentum_buffer"], state.Keys);
        Assert.Equal([0.5f, 1f], state["state.fc.bias.momentum_buffer"].ToArray());
    }

    [Fact]
    public void LoadStateDictNamesBadKeysAndShapes()
    {
        var p = Param();
        var opt = new Sgd([("w", p)], 0.1, momentum: 0.9);
        var e1 = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(new Dictionary<string, Tensor> { ["state.v.momentum_buffer"] = Tensor.Zeros(2) }));
        Assert.Contains("state.v.momentum_buffer", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(new Dictionary<string, Tensor> { ["state.w.momentum_buffer"] = Tensor.Zeros(3) }));
        Assert.Contains("(3)", e2.Message);
        Assert.Contains("(2)", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(new Dictionary<string, Tensor> { ["state.w.exp_avg"] = Tensor.Zeros(2) }));
        Assert.Contains("exp_avg", e3.Message);
    }

    [Fact]
    public void RejectsNonLeafOrFrozenParameters()
    {
        var frozen = new Var(Tensor.Zeros(2));
        Assert.Throws<ArgumentException>(() => new Sgd([("frozen", frozen)], 0.1));
        Assert.Throws<ArgumentException>(() => new Sgd([("p", Param()), ("p", Param())], 0.1));
        Assert.Throws<ArgumentException>(() => new Sgd([("p", Param())], 0.1, momentum: 0, nesterov: true));
    }
}
