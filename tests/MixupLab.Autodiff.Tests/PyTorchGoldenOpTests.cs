using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

/// <summary>Forward values, gradients and Hessian-vector products against PyTorch 1.13 (tests/fixtures/pytorch/op-*).</summary>
/// <remarks>Each case stores f = Σ gout·out, grad.* = ∂f/∂input and hvp.* = ∂/∂input ⟨∂f/∂inputs, v⟩.</remarks>
public class PyTorchGoldenOpTests
{
    public static TheoryData<string> Cases => new()
    {
        "op-bce_with_logits", "op-cross_entropy", "op-cross_entropy_none", "op-linear", "op-log_softmax",
        "op-logsumexp", "op-sigmoid", "op-soft_cross_entropy", "op-softmax", "op-softplus", "op-tanh",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorchToSecondOrder(string caseName)
    {
        var fx = OpFixture.Load(caseName);
        var names = fx.Inputs;
        var inputs = names.Select(n => new Var(fx[n], requiresGrad: true, n)).ToArray();
        var output = Apply(fx, inputs);
        GradCheck.AssertClose(fx["out"], output.Value, rtol: 1e-5, atol: 1e-6, what: caseName + " out");

        var grads = Autograd.Grad(output, inputs, new Var(fx["gout"]), createGraph: true);
        Var? inner = null;
        for (int i = 0; i < names.Length; i++)
        {
            GradCheck.AssertClose(fx["grad." + names[i]], grads[i].Value, rtol: 1e-4, atol: 1e-6, what: caseName + " grad." + names[i]);
            var term = Ops.Sum(grads[i] * new Var(fx["v." + names[i]]));
            inner = inner is null ? term : inner + term;
        }

        var hvp = Autograd.Grad(inner!, inputs, allowUnused: true);
        for (int i = 0; i < names.Length; i++)
        {
            GradCheck.AssertClose(fx["hvp." + names[i]], hvp[i].Value, rtol: 1e-4, atol: 1e-5, what: caseName + " hvp." + names[i]);
        }
    }

    private static Var Apply(OpFixture fx, Var[] v)
    {
        var op = fx.Meta.GetProperty("op").GetString();
        return op switch
        {
            "bce_with_logits" => Ops.BinaryCrossEntropyWithLogits(v[0], new Var(fx["targets"]), ReductionOf(fx)),
            "cross_entropy" or "cross_entropy_none" => Ops.CrossEntropy(v[0], fx.Labels, ReductionOf(fx)),
            "soft_cross_entropy" => Ops.SoftCrossEntropy(v[0], new Var(fx["targets"]), ReductionOf(fx)),
            "linear" => Ops.Tanh(Ops.Linear(v[0], v[1], v[2])), // the fixture applies tanh so the HVP is non-zero
            "log_softmax" => Ops.LogSoftmax(v[0], Param(fx, "axis")),
            "softmax" => Ops.Softmax(v[0], Param(fx, "axis")),
            "logsumexp" => Ops.LogSumExp(v[0], Param(fx, "axis"), fx.Meta.GetProperty("params").GetProperty("keepDim").GetBoolean()),
            "sigmoid" => Ops.Sigmoid(v[0]),
            "softplus" => Ops.Softplus(v[0]),
            "tanh" => Ops.Tanh(v[0]),
            _ => throw new ArgumentException($"Unknown op {op}."),
        };
    }

    private static int Param(OpFixture fx, string name) => fx.Meta.GetProperty("params").GetProperty(name).GetInt32();

    private static Reduction ReductionOf(OpFixture fx) => fx.Meta.GetProperty("params").GetProperty("reduction").GetString() switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        var r => throw new ArgumentException($"Unknown reduction {r}."),
    };
}
