using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Log-softmax along <paramref name="axis"/>: a − max − log Σ exp(a − max), fused and stable.</summary>
    /// <remarks>Shape preserved. With y the output, d/da = g − exp(y)·Σ_axis g; exp(y) = softmax(a) is taken from
    /// the output variable, so the rule is differentiable again; a first-order
    /// pass (recording off) runs one fused kernel instead.</remarks>
    public static Var LogSoftmax(Var a, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = Tensor.Empty(a.Shape);
        ReductionKernels.LogSoftmax(a.Value, axis, result);
        return WithOutput(result, Var.NeedsGrad(a) ? new LogSoftmaxNode(a, axis) : null);
    }

    private sealed class LogSoftmaxNode(Var a, int axis) : OutputNode(a)
    {
        public override Var?[] Backward(Var gradOutput)
        {
            if (!GradMode.IsEnabled)
            {
                var grad = Tensor.Empty(Output.Shape);
                ReductionKernels.LogSoftmaxBackward(Output.Value, gradOutput.Value, axis, grad);
                return [new Var(grad)];
            }

            return [Subtract(gradOutput, Multiply(Exp(Output), Sum(gradOutput, axis, keepDim: true)))];
        }
    }
}
