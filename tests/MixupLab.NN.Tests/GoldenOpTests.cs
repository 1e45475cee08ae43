using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>Per-op golden values from PyTorch (<c>fixtures/pytorch/op-*</c>): outputs, input gradients of
/// f = Σ gout·op(inputs), and for twice-differentiable ops the Hessian-vector products
/// d/dx ⟨∂f/∂inputs, v⟩ computed with <c>createGraph</c>.</summary>
public class GoldenOpTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in GoldenFixture.Names("op-"))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void EveryOpFixtureHasAnImplementationHere()
    {
        var names = GoldenFixture.Names("op-").ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} op fixtures found in {GoldenFixture.Directory}");
        foreach (string name in names)
        {
            var f = GoldenFixture.Load(name);
            Assert.True(Build(f) is not null, name);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var f = GoldenFixture.Load(name);
        string[] inputNames = f.StringArray("inputs");
        bool hvp = f.Info.GetProperty("hvp").GetBoolean();
        var op = Build(f);
        var inputs = inputNames.Select(n => new Var(f[n].Clone(), requiresGrad: true, name: n)).ToArray();
        bool training = f.Params.TryGetProperty("training", out var tr) && tr.GetBoolean();
        Tensor? runningMean = f.Has("running_mean") ? f["running_mean"].Clone() : null;
        Tensor? runningVar = f.Has("running_var") ? f["running_var"].Clone() : null;

        var output = op(inputs, runningMean, runningVar);
        GoldenAssert.Close(f["out"], output.Value, $"{name} out");
        if (runningMean is not null && training)
        {
            GoldenAssert.Close(f["after.running_mean"], runningMean, $"{name} running_mean");
            GoldenAssert.Close(f["after.running_var"], runningVar!, $"{name} running_var");
        }

        var gout = new Var(f["gout"].Reshape(output.Shape));
        var grads = Autograd.Grad(output, inputs, gout, createGraph: hvp);
        for (int i = 0; i < inputs.Length; i++)
        {
            GoldenAssert.Close(f["grad." + inputNames[i]], grads[i].Value, $"{name} grad.{inputNames[i]}");
        }

        if (!hvp)
        {
            return;
        }

        Var? dot = null;
        for (int i = 0; i < inputs.Length; i++)
        {
            var term = Ops.Sum(Ops.Multiply(grads[i], new Var(f["v." + inputNames[i]])));
            dot = dot is null ? term : Ops.Add(dot, term);
        }

        var hv = Autograd.Grad(dot!, inputs, allowUnused: true);
        for (int i = 0; i < inputs.Length; i++)
        {
            var actual = hv[i]?.Value ?? Tensor.Zeros(inputs[i].Shape);
            GoldenAssert.Close(f["hvp." + inputNames[i]], actual, $"{name} hvp.{inputNames[i]}", rtol: 1e-4, atol: 1e-4);
        }
    }

    private delegate Var OpUnderTest(Var[] x, Tensor? runningMean, Tensor? runningVar);

    private static OpUnderTest Build(GoldenFixture f)
    {
        string op = f.Info.GetProperty("op").GetString()!;
        var p = f.Params;
        int Int(string key) => p.GetProperty(key).GetInt32();
        if (op.StartsWith("conv2d", StringComparison.Ordinal))
        {
            return (x, _, _) => Ops.Conv2d(x[0], x[1], x.Length > 2 ? x[2] : null, Int("stride"), Int("padding"));
        }

        if (op.StartsWith("maxpool2d", StringComparison.Ordinal))
        {
            return (x, _, _) => Ops.MaxPool2d(x[0], Int("kernel"), Int("stride"), Int("padding"));
        }

        if (op.StartsWith("avgpool2d", StringComparison.Ordinal))
        {
            return (x, _, _) => Ops.AvgPool2d(x[0], Int("kernel"), Int("stride"), Int("padding"));
        }

        if (op.StartsWith("batchnorm", StringComparison.Ordinal))
        {
            bool training = p.GetProperty("training").GetBoolean();
            float momentum = p.GetProperty("momentum").GetSingle();
            float eps = p.GetProperty("eps").GetSingle();
            return (x, rm, rv) => Ops.BatchNorm(x[0], x[1], x[2], rm!, rv!, training, momentum, eps);
        }

        return op switch
        {
            "log_softmax" => (x, _, _) => Ops.LogSoftmax(x[0], -1),
            "softmax" => (x, _, _) => Ops.Softmax(x[0], -1),
            "logsumexp" => (x, _, _) => Ops.LogSumExp(x[0], -1),
            "softplus" => (x, _, _) => Ops.Softplus(x[0]),
            "sigmoid" => (x, _, _) => Ops.Sigmoid(x[0]),
            "tanh" => (x, _, _) => Ops.Tanh(x[0]),
            "cross_entropy" => (x, _, _) => Ops.CrossEntropy(x[0], f.IntArray("labels")),
            "cross_entropy_none" => (x, _, _) => Ops.CrossEntropy(x[0], f.IntArray("labels"), Reduction.None),
            "soft_cross_entropy" => (x, _, _) => Ops.SoftCrossEntropy(x[0], new Var(f["targets"])),
            "bce_with_logits" => (x, _, _) => Ops.BinaryCrossEntropyWithLogits(x[0], new Var(f["targets"])),
            "linear" => (x, _, _) => Ops.Tanh(Ops.Linear(x[0], x[1], x[2])),
            _ => throw new InvalidOperationException($"{f.Name}: no C# op for '{op}'"),
        };
    }
}
