using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Maximum along <paramref name="axis"/>, removing it unless <paramref name="keepDim"/>.</summary>
    /// <remarks>Shapes as <see cref="Sum(Var, int, bool)"/>. The gradient goes entirely to the first position
    /// of the maximum (argmax) in each slice; the routing is linear in g, and its adjoint (gathering at the
    /// same positions) makes it differentiable again.</remarks>
    public static Var Max(Var a, int axis, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        var split = AxisSplit.Of(a.Shape, axis);
        if (split.Size == 0)
        {
            throw new ArgumentException($"Max over the empty axis {axis} of shape {ShapeHelper.Format(a.Shape)} is undefined.", nameof(axis));
        }

        var keptShape = AxisSplit.ReducedShape(a.Shape, axis, keepDim: true);
        var result = Tensor.Empty(keepDim ? keptShape : AxisSplit.ReducedShape(a.Shape, axis, keepDim: false));
        var argMax = new int[split.Outer * split.Inner];
        ReductionKernels.Max(a.Value.Span, split, result.Span, argMax);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new MaxNode(a, split, argMax) : null);
    }

    /// <summary>Places g (one value per slice) at the argmax positions of a tensor of <paramref name="shape"/>.</summary>
    private static Var ScatterAtArgMax(Var gradient, AxisSplit split, int[] argMax, int[] shape)
    {
        var result = Tensor.Empty(shape);
        ReductionKernels.Scatter(gradient.Value.Span, argMax, split, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(gradient) ? new ScatterAtArgMaxNode(gradient, split, argMax) : null);
    }

    /// <summary>Reads a tensor at the argmax positions (one value per slice), shaped like <paramref name="like"/>.</summary>
    private static Var GatherAtArgMax(Var a, AxisSplit split, int[] argMax, int[] like)
    {
        var result = Tensor.Empty(like);
        ReductionKernels.Gather(a.Value.Span, argMax, split, result.Span);
        return Var.FromOp(result, Var.NeedsGrad(a) ? new GatherAtArgMaxNode(a, split, argMax) : null);
    }

    private sealed class MaxNode(Var a, AxisSplit split, int[] argMax) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [ScatterAtArgMax(gradOutput, split, argMax, a.Shape)];
    }

    private sealed class ScatterAtArgMaxNode(Var gradient, AxisSplit split, int[] argMax) : Node(gradient)
    {
        public override Var?[] Backward(Var gradOutput) => [GatherAtArgMax(gradOutput, split, argMax, gradient.Shape)];
    }

    private sealed class GatherAtArgMaxNode(Var a, AxisSplit split, int[] argMax) : Node(a)
    {
        public override Var?[] Backward(Var gradOutput) => [ScatterAtArgMax(gradOutput, split, argMax, a.Shape)];
    }
}
