using MixupLab.Autodiff;
using MixupLab.NN.Models;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public class ModelForwardTests
{
    public static TheoryData<string> Specs => new() { "logreg", "mlp", "mlp-nobias", "small-cnn", "wrn-16-2", "preact-resnet18" };

    private static ModelSpec SpecFor(string key) => key switch
    {
        "logreg" => new ModelSpec("logreg", [1, 8, 8], 4, Seed: 1),
        "mlp" => new ModelSpec("mlp", [1, 8, 8], 4, [16, 12], Seed: 1),
        "mlp-nobias" => new ModelSpec("mlp", [1, 8, 8], 4, [16, 12], Bias: false, Seed: 1),
        "small-cnn" => new ModelSpec("small-cnn", [1, 28, 28], 10, Seed: 1),
        _ => new ModelSpec(key, [3, 32, 32], 10, Seed: 1),
    };

    private static Tensor Inputs(ModelSpec spec, int n, ulong seed)
    {
        var x = Tensor.Empty([n, .. spec.InputShape]);
        new RandomSource(seed).FillNormal(x.Span);
        return x;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ForwardShapeFiniteAndEveryParameterGetsAGradient(string key)
    {
        var spec = SpecFor(key);
        var model = ModelRegistry.Create(spec);
        using var scope = new TensorScope();
        int n = 2;
        var logits = model.Forward(new Var(Inputs(spec, n, 2)));
        Assert.Equal([n, spec.Classes], logits.Shape);
        Assert.All(logits.Value.ToArray(), v => Assert.True(float.IsFinite(v)));

        var loss = Ops.CrossEntropy(logits, [0, 1]);
        Autograd.Backward(loss);
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad is not null, $"{name} got no gradient");
            var g = p.Grad!.ToArray();
            Assert.All(g, v => Assert.True(float.IsFinite(v), $"{name} has a non-finite gradient"));
            Assert.True(g.Any(v => v != 0), $"{name} has an all-zero gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EvalForwardIsDeterministicAndLeavesBuffersAlone(string key)
    {
        var spec = SpecFor(key);
        var model = ModelRegistry.Create(spec);
        model.Eval();
        var before = model.NamedBuffers().Select(b => b.Buffer.ToArray()).ToList();
        using var scope = new TensorScope();
        var x = new Var(Inputs(spec, 2, 3));
        var a = model.Forward(x).Value.ToArray();
        var b = model.Forward(x).Value.ToArray();
        Assert.Equal(a, b);
        var after = model.NamedBuffers().Select(t => t.Buffer.ToArray()).ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public void BatchNormUpdatesRunningStatsOnlyInTraining()
    {
        var model = ModelRegistry.Create(new ModelSpec("wrn-16-2", [3, 32, 32], 10, Seed: 4));
        var wrn = (WideResNet)model;
        using var scope = new TensorScope();
        var x = new Var(Inputs(new ModelSpec("wrn-16-2", [3, 32, 32], 10), 4, 5));

        model.Eval();
        var evalOut = model.Forward(x).Value.ToArray();
        Assert.Equal(0f, wrn.Bn1.NumBatchesTracked.ToScalar());
        Assert.All(wrn.Bn1.RunningMean.ToArray(), v => Assert.Equal(0f, v));

        model.Train();
        var trainOut = model.Forward(x).Value.ToArray();
        Assert.Equal(1f, wrn.Bn1.NumBatchesTracked.ToScalar());
        Assert.Contains(wrn.Bn1.RunningMean.ToArray(), v => v != 0);
        Assert.Contains(wrn.Bn1.RunningVar.ToArray(), v => v != 1);
        Assert.NotEqual(evalOut, trainOut);

        model.Eval();
        var mean = wrn.Bn1.RunningMean.ToArray();
        var evalAgain = model.Forward(x).Value.ToArray();
        Assert.Equal(mean, wrn.Bn1.RunningMean.ToArray());
        Assert.Equal(1f, wrn.Bn1.NumBatchesTracked.ToScalar());
        Assert.NotEqual(evalOut, evalAgain);
    }

    [Fact]
    public void BatchNorm1dTrainingNormalisesTheBatch()
    {
        var bn = new Layers.BatchNorm1d(3);
        bn.Initialize(new RandomSource(0));
        using var scope = new TensorScope();
        var x = Tensor.FromArray([1f, 10f, -2f, 3f, 20f, -2f, 5f, 30f, -2f], 3, 3);
        var y = bn.Forward(new Var(x)).Value;
        for (int c = 0; c < 2; c++)
        {
            double m = (y[0, c] + y[1, c] + y[2, c]) / 3.0;
            Assert.Equal(0, m, 5);
        }

        // Running mean moved by momentum 0.1 towards the batch mean (3, 20, -2); running_var towards the unbiased variance (4, 100, 0).
        Assert.Equal([0.3f, 2f, -0.2f], bn.RunningMean.ToArray());
        Assert.Equal(0.9f + 0.4f, bn.RunningVar[0], 5);
        Assert.Equal(0.9f + 10f, bn.RunningVar[1], 4);
        Assert.Equal(0.9f, bn.RunningVar[2], 5);
    }

    [Fact]
    public void DropoutIsIdentityInEvalAndSeededInTraining()
    {
        using var scope = new TensorScope();
        var x = new Var(Tensor.Full(1f, 1000));
        var d1 = new Layers.Dropout(0.25f, RandomSource.Derive(1, "dropout"));
        var d2 = new Layers.Dropout(0.25f, RandomSource.Derive(1, "dropout"));
        var y1 = d1.Forward(x).Value.ToArray();
        var y2 = d2.Forward(x).Value.ToArray();
        Assert.Equal(y1, y2);
        Assert.All(y1, v => Assert.True(v == 0 || Math.Abs(v - (1 / 0.75f)) < 1e-6));
        int zeros = y1.Count(v => v == 0);
        Assert.InRange(zeros, 200, 300);
        Assert.NotEqual(y1, d1.Forward(x).Value.ToArray());
        d1.Eval();
        Assert.Equal(x.Value.ToArray(), d1.Forward(x).Value.ToArray());
    }

    [Fact]
    public void LinearComputesXWTransposePlusB()
    {
        var lin = new Layers.Linear(2, 3);
        lin.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2),
            ["bias"] = Tensor.FromArray([0.5f, -1f, 0f], 3),
        });
        using var scope = new TensorScope();
        var y = lin.Forward(new Var(Tensor.FromArray([1f, -1f], 1, 2)));
        Assert.Equal([-0.5f, -2f, -1f], y.Value.ToArray());
        var e = Assert.Throws<ArgumentException>(() => lin.Forward(new Var(Tensor.Zeros(1, 3))));
        Assert.Contains("(1, 3)", e.Message);
    }

    [Fact]
    public void ConvAndPoolingShapes()
    {
        using var scope = new TensorScope();
        var conv = new Layers.Conv2d(3, 5, 3, stride: 2, padding: 1);
        conv.Initialize(new RandomSource(0));
        var y = conv.Forward(new Var(Tensor.Zeros(2, 3, 9, 9)));
        Assert.Equal([2, 5, 5, 5], y.Shape);
        Assert.Equal(5, conv.OutputSize(9));
        Assert.Equal([2, 5, 2, 2], new Layers.MaxPool2d(2).Forward(y).Shape);
        Assert.Equal([2, 5, 2, 2], new Layers.AvgPool2d(2).Forward(y).Shape);
        Assert.Equal([2, 5], new Layers.GlobalAvgPool().Forward(y).Shape);
        Assert.Equal([2, 125], new Layers.Flatten().Forward(y).Shape);
        Assert.Throws<ArgumentException>(() => conv.Forward(new Var(Tensor.Zeros(2, 4, 9, 9))));
    }

    private static float[] TrainingLosses(ulong seed, int steps)
    {
        var spec = new ModelSpec("mlp", [10], 3, [32, 16], Seed: seed);
        var model = ModelRegistry.Create(spec);
        var opt = new Optim.Sgd(model, 0.1, momentum: 0.9, weightDecay: 5e-4);
        var data = RandomSource.Derive(seed, "data");
        var x = TensorScope.Untracked(() => Tensor.Empty(64, 10));
        data.FillNormal(x.Span);
        var labels = new int[64];
        for (int i = 0; i < 64; i++)
        {
            // A learnable rule: the class is the arg-max of the first three features.
            labels[i] = x[i, 0] > x[i, 1] ? (x[i, 0] > x[i, 2] ? 0 : 2) : (x[i, 1] > x[i, 2] ? 1 : 2);
        }

        var losses = new float[steps];
        for (int s = 0; s < steps; s++)
        {
            using var scope = new TensorScope();
            var loss = Ops.CrossEntropy(model.Forward(new Var(x)), labels);
            losses[s] = loss.ToScalar();
            Autograd.Backward(loss);
            opt.Step();
            opt.ZeroGrad();
        }

        return losses;
    }

    [Fact]
    public void FixedSeedGivesTheSameTrainingLossesBitForBit()
    {
        var a = TrainingLosses(11, 20);
        var b = TrainingLosses(11, 20);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        Assert.True(a[^1] < a[0] * 0.8f, $"loss did not fall: {a[0]} → {a[^1]}");
        Assert.NotEqual(a, TrainingLosses(12, 20));
    }
}
