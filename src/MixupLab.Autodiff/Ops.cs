namespace MixupLab.Autodiff;

/// <summary>The differentiable operations. Each primitive lives in its own file under <c>Primitives/</c>
/// with the node that holds what its backward rule needs.</summary>
public static partial class Ops
{
}
