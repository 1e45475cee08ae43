using System.Text.Json;
using MixupLab.NN.Optim;
using MixupLab.NN.Serialization;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mixuplab-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static (TinyModule Model, Sgd Optimizer) Trained()
    {
        var m = new TinyModule();
        m.ResetParametersRecursively(new RandomSource(5));
        m.Count[0] = 3;
        var opt = new Sgd(m, 0.1, momentum: 0.9);
        foreach (var p in m.Parameters())
        {
            p.Grad = Tensor.Full(0.5f, p.Shape);
        }

        opt.Step();
        return (m, opt);
    }

    [Fact]
    public void SaveAndLoadRestoreWeightsOptimizerAndPosition()
    {
        var (m, opt) = Trained();
        var rng = new RandomSource(9);
        rng.NextDouble();
        var info = new CheckpointInfo(4, 17, new Dictionary<string, byte[]> { ["data-order"] = rng.GetState() }, new Dictionary<string, string> { ["config"] = "abc" });
        Checkpoint.Save(_dir, m, opt, info);
        Assert.Equal(
            ["checkpoint.json", "model.safetensors", "optimizer.safetensors"],
            Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var m2 = new TinyModule();
        var opt2 = new Sgd(m2, 0.5, momentum: 0.9);
        var back = Checkpoint.Load(_dir, m2, opt2);
        Assert.Equal(4, back.Epoch);
        Assert.Equal(17, back.Step);
        Assert.Equal("abc", back.Notes["config"]);
        var rng2 = new RandomSource(0);
        rng2.SetState(back.RandomStates["data-order"]);
        Assert.Equal(rng.NextUInt64(), rng2.NextUInt64());
        Assert.Equal(0.1, opt2.LearningRate);
        foreach (var (k, v) in m.StateDict())
        {
            Assert.Equal(v.ToArray(), m2.StateDict()[k].ToArray());
        }

        Assert.Equal(
            opt.StateDict()["state.weight.momentum_buffer"].ToArray(),
            opt2.StateDict()["state.weight.momentum_buffer"].ToArray());
        var modelFile = Safetensors.Read(Path.Combine(_dir, Checkpoint.ModelFile));
        Assert.Equal(TensorDType.Int64, modelFile.DType("count"));
    }

    [Fact]
    public void MismatchedModelNamesTheFileAndTensor()
    {
        var (m, opt) = Trained();
        Checkpoint.Save(_dir, m, opt, new CheckpointInfo(0, 0));
        var model = Safetensors.Read(Path.Combine(_dir, Checkpoint.ModelFile));
        var wrong = new TensorDictionary();
        foreach (var (k, v) in model)
        {
            wrong.Add(k, k == "bias" ? Tensor.Zeros(5) : v, model.DType(k));
        }

        Safetensors.Write(Path.Combine(_dir, Checkpoint.ModelFile), wrong);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, new TinyModule(), null));
        Assert.Contains(Checkpoint.ModelFile, e.Message);
        Assert.Contains("'bias' has shape (5)", e.Message);
    }

    [Fact]
    public void MissingOrForeignFilesAreReported()
    {
        var (m, opt) = Trained();
        Checkpoint.Save(_dir, m, null, new CheckpointInfo(1, 0));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, new TinyModule(), new Sgd(new TinyModule(), 0.1)));
        Assert.Contains("checkpoint.json", e.Message);
        Checkpoint.Save(_dir, m, opt, new CheckpointInfo(1, 0));
        var e2 = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, new TinyModule(), new Adam(new TinyModule())));
        Assert.Contains("Adam", e2.Message);
        File.WriteAllText(Path.Combine(_dir, Checkpoint.InfoFile), "{\"format\": ");
        var e3 = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, new TinyModule(), null));
        Assert.Contains(Checkpoint.InfoFile, e3.Message);
        File.Delete(Path.Combine(_dir, Checkpoint.InfoFile));
        var e4 = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, new TinyModule(), null));
        Assert.Contains("missing", e4.Message);
    }

    [Fact]
    public void InfoFileIsReadableJson()
    {
        var (m, opt) = Trained();
        Checkpoint.Save(_dir, m, opt, new CheckpointInfo(2, 3));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, Checkpoint.InfoFile)));
        Assert.Equal(2, doc.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal("Sgd", doc.RootElement.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void DropoutStreamsAreSavedByModulePath()
    {
        static Layers.Sequential Make(ulong seed) => new(new Layers.Linear(4, 4), new Layers.Dropout(0.5f, new RandomSource(seed)));
        var a = Make(1);
        using var scope = new TensorScope();
        var x = new Autodiff.Var(Tensor.Full(1f, 8, 4));
        a.Forward(x);
        Checkpoint.Save(_dir, a, null, new CheckpointInfo(0, 5));
        var expected = a.Forward(x).Value.ToArray();

        var b = Make(99);
        Checkpoint.Load(_dir, b, null);
        Assert.Equal(expected, b.Forward(x).Value.ToArray());

        var other = new Layers.Sequential(new Layers.Linear(4, 4), new Layers.Relu());
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir, other, null));
        Assert.Contains("'1'", e.Message);
    }
}
