using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>The child of <see cref="TinyModule"/>: one parameter and one float buffer.</summary>
internal sealed class TinyChild : Module
{
    public TinyChild()
    {
        Scale = RegisterParameter("scale", 2);
        Stat = RegisterBuffer("stat", 1, TensorDType.Float32, 2);
    }

    public Var Scale { get; }

    public Tensor Stat { get; }

    public override Var Forward(Var x) => Ops.Multiply(x, Scale);

    protected override void ResetParameters(RandomSource rng) => rng.FillNormal(Scale.Value.Span);
}
