using MixupLab.Autodiff;
using MixupLab.NN;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>A hand-built module exercising parameters, an I64 buffer and a nested child.</summary>
internal sealed class TinyModule : Module
{
    public TinyModule()
    {
        Weight = RegisterParameter("weight", 2, 3);
        Bias = RegisterParameter("bias", 2);
        Count = RegisterBuffer("count", 0, TensorDType.Int64);
        Inner = RegisterModule("inner", new TinyChild());
    }

    public Var Weight { get; }

    public Var Bias { get; }

    public Tensor Count { get; }

    public TinyChild Inner { get; }

    public override Var Forward(Var x) => Ops.Add(Inner.Forward(x), Bias);

    protected override void ResetParameters(RandomSource rng)
    {
        rng.FillUniform(Weight.Value.Span, -1, 1);
        rng.FillUniform(Bias.Value.Span, -1, 1);
    }
}
