using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>max(x, 0) elementwise, as <c>torch.nn.ReLU</c>; any shape.</summary>
public sealed class Relu : Module
{
    /// <inheritdoc/>
    public override Var Forward(Var x) => Ops.Relu(x);
}
