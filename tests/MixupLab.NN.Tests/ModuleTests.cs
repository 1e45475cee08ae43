using MixupLab.Autodiff;
using MixupLab.NN;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public class ModuleTests
{
    [Fact]
    public void NamesFollowPyTorchStateDictOrder()
    {
        var m = new TinyModule();
        Assert.Equal(["weight", "bias", "inner.scale"], m.NamedParameters().Select(p => p.Name));
        Assert.Equal(["count", "inner.stat"], m.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["weight", "bias", "count", "inner.scale", "inner.stat"], m.StateDict().Keys);
        Assert.Equal(TensorDType.Int64, m.StateDict().DType("count"));
        Assert.Equal(["", "inner"], m.NamedModules().Select(x => x.Name));
        Assert.Equal(10, m.ParameterCount());
    }

    [Fact]
    public void ParametersAreLeavesThatRequireGradAndOutliveScopes()
    {
        TinyModule m;
        using (new TensorScope())
        {
            m = new TinyModule();
        }

        foreach (var p in m.Parameters())
        {
            Assert.True(p.IsLeaf);
            Assert.True(p.RequiresGrad);
            Assert.False(p.Value.IsDisposed);
        }

        Assert.False(m.Count.IsDisposed);
    }

    [Fact]
    public void TrainAndEvalPropagateToChildren()
    {
        var m = new TinyModule();
        Assert.True(m.IsTraining && m.Inner.IsTraining);
        m.Eval();
        Assert.False(m.IsTraining);
        Assert.False(m.Inner.IsTraining);
        m.Train();
        Assert.True(m.Inner.IsTraining);
    }

    [Fact]
    public void LoadStateDictCopiesIntoTheModulesOwnTensors()
    {
        var a = new TinyModule();
        a.ResetParametersRecursively(new RandomSource(1));
        a.Count[0] = 7;
        var b = new TinyModule();
        var weightTensor = b.Weight.Value;
        b.LoadStateDict(a.StateDict());
        Assert.Same(weightTensor, b.Weight.Value);
        Assert.Equal(a.Weight.Value.ToArray(), b.Weight.Value.ToArray());
        Assert.Equal(a.Inner.Scale.Value.ToArray(), b.Inner.Scale.Value.ToArray());
        Assert.Equal(7f, b.Count[0]);
    }

    [Fact]
    public void LoadStateDictNamesMissingExtraAndMisshapenKeys()
    {
        var m = new TinyModule();
        var before = m.Weight.Value.ToArray();
        var src = new Dictionary<string, Tensor>();
        foreach (var (k, v) in m.StateDict())
        {
            src[k] = v.Clone();
        }

        src.Remove("inner.scale");
        src["extra.weight"] = Tensor.Zeros(4);
        src["weight"] = Tensor.Full(3f, 3, 2);
        var e = Assert.Throws<ArgumentException>(() => m.LoadStateDict(src));
        Assert.Contains("missing key 'inner.scale'", e.Message);
        Assert.Contains("unexpected key 'extra.weight'", e.Message);
        Assert.Contains("'weight' has shape (3, 2) in the source but (2, 3) in the model", e.Message);
        Assert.Equal(before, m.Weight.Value.ToArray());
    }

    [Fact]
    public void LoadStateDictRejectsAWrongStoredType()
    {
        var m = new TinyModule();
        var src = new TensorDictionary();
        foreach (var (k, v) in m.StateDict())
        {
            src.Add(k, v.Clone());
        }

        var e = Assert.Throws<ArgumentException>(() => m.LoadStateDict(src));
        Assert.Contains("'count' is stored as Float32 in the source but the model keeps it as Int64", e.Message);
    }

    [Fact]
    public void SeededResetGivesIdenticalBits()
    {
        var a = new TinyModule();
        var b = new TinyModule();
        a.ResetParametersRecursively(RandomSource.Derive(42, "init"));
        b.ResetParametersRecursively(RandomSource.Derive(42, "init"));
        foreach (var ((_, pa), (_, pb)) in a.NamedParameters().Zip(b.NamedParameters()))
        {
            Assert.Equal(pa.Value.ToArray(), pb.Value.ToArray());
        }

        var c = new TinyModule();
        c.ResetParametersRecursively(RandomSource.Derive(43, "init"));
        Assert.NotEqual(a.Weight.Value.ToArray(), c.Weight.Value.ToArray());
    }

    [Fact]
    public void DuplicateAndDottedNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new BadNames(duplicate: true));
        Assert.Throws<ArgumentException>(() => new BadNames(duplicate: false));
    }

    private sealed class BadNames : Module
    {
        public BadNames(bool duplicate)
        {
            RegisterParameter("w", 1);
            RegisterParameter(duplicate ? "w" : "a.b", 1);
        }

        public override Var Forward(Var x) => x;
    }
}
