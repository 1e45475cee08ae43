using System.Text.Json;
using MixupLab.Autodiff;
using MixupLab.NN.Models;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>Every registered model against PyTorch (<c>fixtures/pytorch/model-*</c>): the same state_dict keys and
/// element types, eval- and train-mode outputs, the loss, the gradients of every parameter and of the input, and
/// the BatchNorm running stats after one train-mode forward.</summary>
public class GoldenModelTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in GoldenFixture.Names("model-"))
        {
            data.Add(name);
        }

        return data;
    }

    internal static ModelSpec Spec(JsonElement model)
    {
        var hidden = model.TryGetProperty("hidden", out var h) ? h.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;
        bool bias = !model.TryGetProperty("bias", out var b) || b.GetBoolean();
        return new ModelSpec(
            model.GetProperty("name").GetString()!,
            model.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            model.GetProperty("classes").GetInt32(),
            hidden,
            bias);
    }

    internal static Dictionary<string, Tensor> InitialState(GoldenFixture f) =>
        f.Info.TryGetProperty("weights", out var w) && w.GetString() == "generated"
            ? GoldenGeneratedWeights.StateDict(f.Info.GetProperty("generated"))
            : f.Tensors.Where(kv => kv.Key.StartsWith("state.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["state.".Length..], kv => kv.Value.Clone(), StringComparer.Ordinal);

    [Fact]
    public void FixturesCoverEveryRegisteredModel()
    {
        var models = GoldenFixture.Names("model-").Select(n => GoldenFixture.Load(n).Info.GetProperty("model").GetProperty("name").GetString()!).ToHashSet();
        foreach (string expected in new[] { "logreg", "mlp", "small-cnn", "preact-resnet18" })
        {
            Assert.Contains(expected, models);
        }

        Assert.Contains(models, m => m.StartsWith("wrn-", StringComparison.Ordinal));
    }

    [Fact]
    public void GeneratedWeightsAreBitIdenticalToPython()
    {
        var f = GoldenFixture.Load("model-small-cnn-1x28x28");
        var check = f.Info.GetProperty("check_generated");
        var values = new float[check.GetProperty("numel").GetInt32()];
        GoldenGeneratedWeights.Fill(values, check.GetProperty("index").GetInt32(), (float)check.GetProperty("offset").GetDouble(), (float)check.GetProperty("scale").GetDouble());
        Assert.Equal(f["check.generated"].ToArray(), values);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var f = GoldenFixture.Load(name);
        var spec = Spec(f.Info.GetProperty("model"));
        bool deep = spec.Name.StartsWith("wrn-", StringComparison.Ordinal) || spec.Name == "preact-resnet18";
        double rtol = deep ? 1e-3 : 1e-4;
        double atol = deep ? 1e-3 : 1e-5;

        var model = ModelRegistry.Create(spec);
        Assert.Equal(f.StringArray("parameters"), model.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal(f.StringArray("buffers"), model.NamedBuffers().Select(b => b.Name).ToArray());
        var state = model.StateDict();
        foreach (string key in f.Tensors.Keys.Where(k => k.StartsWith("state.", StringComparison.Ordinal)))
        {
            Assert.Equal(f.Tensors.DType(key), state.DType(key["state.".Length..]));
        }

        model.LoadStateDict(InitialState(f));

        var input = f["input"];
        model.Eval();
        using (GradMode.NoGrad())
        {
            GoldenAssert.Close(f["out.eval"], model.Forward(new Var(input.Clone())).Value, $"{name} out.eval", rtol, atol);
        }

        model.Train();
        var x = new Var(input.Clone(), requiresGrad: true, name: "input");
        var output = model.Forward(x);
        GoldenAssert.Close(f["out.train"], output.Value, $"{name} out.train", rtol, atol);
        var loss = f.Info.GetProperty("loss").GetString() == "bce_with_logits"
            ? Ops.BinaryCrossEntropyWithLogits(output, new Var(f["target"]))
            : Ops.CrossEntropy(output, f.IntArray("labels"));
        GoldenAssert.Scalar(f["loss"].ToScalar(), loss.ToScalar(), $"{name} loss", deep ? 1e-4 : 1e-5);
        Autograd.Backward(loss);

        GoldenAssert.Close(f["grad.input"], x.Grad!, $"{name} grad.input", rtol, atol);
        foreach (var (key, p) in model.NamedParameters())
        {
            Assert.True(p.Grad is not null, $"{name}: no gradient for {key}");
            if (f.Has("grad." + key))
            {
                GoldenAssert.Close(f["grad." + key], p.Grad!, $"{name} grad.{key}", rtol, atol);
                continue;
            }

            var g = p.Grad!.Span;
            var head = f["gradhead." + key];
            GoldenAssert.Close(head.Span, g[..head.Length], $"{name} gradhead.{key}", rtol, atol);
            var stats = f["gradstats." + key].Span;
            double sum = 0, sumAbs = 0, sumSq = 0;
            foreach (float v in g)
            {
                sum += v;
                sumAbs += Math.Abs(v);
                sumSq += (double)v * v;
            }

            Assert.True(Math.Abs(sum - stats[0]) <= 1e-3 * stats[1], $"{name} sum of grad.{key}: {sum}, expected {stats[0]} (Σ|g| {stats[1]})");
            GoldenAssert.Scalar(stats[1], sumAbs, $"{name} Σ|grad.{key}|", 1e-3);
            GoldenAssert.Scalar(stats[2], Math.Sqrt(sumSq), $"{name} ‖grad.{key}‖", 1e-3);
        }

        foreach (var (key, buffer) in model.NamedBuffers())
        {
            GoldenAssert.Close(f["after." + key], buffer, $"{name} after.{key}", rtol, atol);
        }
    }
}
