using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Batch normalisation of <c>(N, C)</c> features or <c>(N, C, H, W)</c> images, as PyTorch's <c>batch_norm</c>.</summary>
    /// <remarks>
    /// Per channel c over its M = N·H·W values (M = N for <c>(N, C)</c>):
    /// training: mean = Σx/M, var = Σ(x − mean)²/M, y = gamma·(x − mean)/√(var + eps) + beta, and in place
    /// runningMean ← (1 − momentum)·runningMean + momentum·mean, runningVar ← (1 − momentum)·runningVar +
    /// momentum·var·M/(M − 1) (unbiased), also when no gradient is recorded; eval: the same affine map with
    /// runningMean and runningVar, which are left unchanged. Gradients (xhat = (x − mean)/√(var + eps)):
    /// dbeta = Σg, dgamma = Σ g·xhat, dx = gamma/√(var + eps)·(g − dbeta/M − xhat·dgamma/M) in training and
    /// gamma/√(runningVar + eps)·g in eval. The backward rule uses raw kernels
    /// (<see cref="Node.SupportsCreateGraph"/> is false).
    /// </remarks>
    /// <param name="x">Input <c>(N, C)</c> or <c>(N, C, H, W)</c>.</param>
    /// <param name="gamma">Scale <c>(C)</c>.</param>
    /// <param name="beta">Shift <c>(C)</c>.</param>
    /// <param name="runningMean">Running mean <c>(C)</c>; updated in place in training.</param>
    /// <param name="runningVar">Running variance <c>(C)</c>; updated in place in training.</param>
    /// <param name="training">Use (and record) batch statistics rather than the running ones.</param>
    /// <param name="momentum">Weight of the batch statistics in the running-stat update.</param>
    /// <param name="eps">Added to the variance for stability.</param>
    public static Var BatchNorm(Var x, Var gamma, Var beta, Tensor runningMean, Tensor runningVar, bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        if (x.Shape.Length is not (2 or 4))
        {
            throw new ArgumentException($"BatchNorm: x must be (N, C) or (N, C, H, W); got shape {ShapeHelper.Format(x.Shape)}.", nameof(x));
        }

        int n = x.Dim(0);
        int c = x.Dim(1);
        int s = x.Shape.Length == 4 ? x.Dim(2) * x.Dim(3) : 1;
        RequireChannelVector(gamma.Shape, c, x, nameof(gamma));
        RequireChannelVector(beta.Shape, c, x, nameof(beta));
        RequireChannelVector(runningMean.Shape, c, x, nameof(runningMean));
        RequireChannelVector(runningVar.Shape, c, x, nameof(runningVar));

        var result = Tensor.Empty(x.Shape);
        var mean = Tensor.Empty(c);
        var invStd = Tensor.Empty(c);
        if (training)
        {
            BatchNormKernels.ForwardTraining(
                x.Value.Data, gamma.Value.Data, beta.Value.Data, result.Data, mean.Data, invStd.Data,
                runningMean.Data, runningVar.Data, n, c, s, momentum, eps);
        }
        else
        {
            BatchNormKernels.ForwardInference(x.Value.Data, gamma.Value.Data, beta.Value.Data, runningMean.Data, runningVar.Data, result.Data, n, c, s, eps);
            runningMean.Span.CopyTo(mean.Span);
            for (int i = 0; i < c; i++)
            {
                invStd[i] = 1f / MathF.Sqrt(runningVar[i] + eps);
            }
        }

        if (!Var.NeedsGrad(x, gamma, beta))
        {
            mean.Dispose();
            invStd.Dispose();
            return new Var(result);
        }

        return Var.FromOp(result, new BatchNormNode(x, gamma, beta, mean, invStd, training));
    }

    private static void RequireChannelVector(int[] shape, int channels, Var x, string argument)
    {
        if (shape.Length != 1 || shape[0] != channels)
        {
            throw new ArgumentException(
                $"BatchNorm: {argument} must have shape ({channels}) for x of shape {ShapeHelper.Format(x.Shape)}; got {ShapeHelper.Format(shape)}.", argument);
        }
    }

    private sealed class BatchNormNode(Var x, Var gamma, Var beta, Tensor mean, Tensor invStd, bool training) : Node(x, gamma, beta)
    {
        public override bool SupportsCreateGraph => false;

        public override Var?[] Backward(Var gradOutput)
        {
            int n = x.Dim(0);
            int c = x.Dim(1);
            int s = x.Length / Math.Max(1, n * c);
            var dx = NeedsInputGrad(0) ? Tensor.Empty(x.Shape) : null;
            var dgamma = NeedsInputGrad(1) ? Tensor.Empty(c) : null;
            var dbeta = NeedsInputGrad(2) ? Tensor.Empty(c) : null;
            BatchNormKernels.Backward(
                x.Value.Data, gamma.Value.Data, mean.Data, invStd.Data, gradOutput.Value.Data, dx?.Data, dgamma?.Data, dbeta?.Data, n, c, s, training);
            return [
                dx is null ? null : new Var(dx),
                dgamma is null ? null : new Var(dgamma),
                dbeta is null ? null : new Var(dbeta),
            ];
        }
    }
}
