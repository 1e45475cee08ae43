using MixupLab.Autodiff;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>SGD (momentum 0.9, weight decay 5e-4, Nesterov off and on) and Adam trajectories against PyTorch
/// (<c>fixtures/pytorch/sgd-*</c>, <c>adam-*</c>): the loss of every step and the final weights.</summary>
public class GoldenOptimizerTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in GoldenFixture.Names("sgd-").Concat(GoldenFixture.Names("adam-")))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void FixturesCoverSgdNesterovAndAdam()
    {
        var names = GoldenFixture.Names("sgd-").Concat(GoldenFixture.Names("adam-")).ToList();
        Assert.Contains("sgd-mlp-momentum", names);
        Assert.Contains("sgd-small-cnn-nesterov", names);
        Assert.Contains("adam-mlp-weight-decay", names);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryMatchesPyTorch(string name)
    {
        var f = GoldenFixture.Load(name);
        var spec = GoldenModelTests.Spec(f.Info.GetProperty("model"));
        var model = ModelRegistry.Create(spec);
        model.LoadStateDict(GoldenModelTests.InitialState(f));
        model.Train();

        var hp = f.Info.GetProperty("hyper");
        double lr = hp.GetProperty("lr").GetDouble();
        double wd = hp.GetProperty("weight_decay").GetDouble();
        Optimizer optimizer = f.Info.GetProperty("kind").GetString() switch
        {
            "sgd" => new Sgd(
                model.NamedParameters(), lr, hp.GetProperty("momentum").GetDouble(), hp.GetProperty("dampening").GetDouble(),
                hp.GetProperty("nesterov").GetBoolean(), wd),
            "adam" => new Adam(
                model.NamedParameters(), lr, hp.GetProperty("betas")[0].GetDouble(), hp.GetProperty("betas")[1].GetDouble(),
                hp.GetProperty("eps").GetDouble(), wd),
            var kind => throw new InvalidOperationException($"{name}: unknown optimizer '{kind}'"),
        };

        var inputs = f["inputs"];
        int steps = inputs.Dim(0);
        int[][] labels = f.IntMatrix("labels");
        int[] stepShape = inputs.Shape[1..];
        int perStep = inputs.Length / steps;
        var losses = new float[steps];
        for (int s = 0; s < steps; s++)
        {
            using var scope = new TensorScope();
            var x = Tensor.FromArray(inputs.Span.Slice(s * perStep, perStep), stepShape);
            var loss = Ops.CrossEntropy(model.Forward(new Var(x)), labels[s]);
            losses[s] = loss.ToScalar();
            Autograd.Backward(loss);
            optimizer.Step();
            optimizer.ZeroGrad();
        }

        GoldenAssert.Close(f["losses"].Span, losses, $"{name} losses", 1e-4, 1e-5);
        foreach (var (key, p) in model.NamedParameters())
        {
            GoldenAssert.Close(f["final." + key], p.Value, $"{name} final.{key}", 1e-4, 1e-5);
        }
    }
}
