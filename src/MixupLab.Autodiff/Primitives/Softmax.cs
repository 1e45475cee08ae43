using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Softmax along <paramref name="axis"/>: exp(a − max) / Σ exp(a − max), fused and stable.</summary>
    /// <remarks>Shape preserved. With y the output, d/da = y·(g − Σ_axis g·y), written with Ops on y, so it is
    /// differentiable again; a first-order pass (recording off) runs one fused kernel instead.</remarks>
    public static Var Softmax(Var a, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ReductionKernels.Softmax(a.Value, axis, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new SoftmaxNode(a, axis) : null);
    }

    private sealed class SoftmaxNode(Var a, int axis) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            if (!GradMode.IsEnabled)
            {
                var grad = Tensor.Empty(Output.Shape);
                ReductionKernels.SoftmaxBackward(Output.Value, gradOutput.Value, axis, grad);
                return [new Var(grad)];
            }

            var y = Output;
            return [Multiply(y, Subtract(gradOutput, Sum(Multiply(gradOutput, y), axis, keepDim: true)))];
        }
    }
}
