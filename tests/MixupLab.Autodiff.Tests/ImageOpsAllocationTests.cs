using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

[Collection(SequentialCollection.Name)]
public class ImageOpsAllocationTests
{
    [Fact]
    public void SteadyStateTrainingStepsRentEveryBufferFromThePool()
    {
        var x = GradCheck.Uniform(1, -1, 1, 8, 3, 16, 16);
        var w1 = new Var(GradCheck.Uniform(2, -0.5f, 0.5f, 8, 3, 3, 3), requiresGrad: true);
        var b1 = new Var(GradCheck.Uniform(3, -0.5f, 0.5f, 8), requiresGrad: true);
        var gamma = new Var(Tensor.Full(1f, 8), requiresGrad: true);
        var beta = new Var(Tensor.Zeros(8), requiresGrad: true);
        var w2 = new Var(GradCheck.Uniform(4, -0.5f, 0.5f, 6, 8, 1, 1), requiresGrad: true);
        var rm = Tensor.Zeros(8);
        var rv = Tensor.Full(1f, 8);

        long Step()
        {
            long before = TensorPool.Shared.AllocatedBytes;
            using (new TensorScope())
            {
                var h = Ops.Conv2d(new Var(x), w1, b1, stride: 1, padding: 1);
                h = Ops.BatchNorm(h, gamma, beta, rm, rv, training: true);
                h = Ops.MaxPool2d(h, 2, 2);
                h = Ops.AvgPool2d(h, 3, 1, 1);
                h = Ops.Conv2d(h, w2, null, stride: 2);
                var loss = Ops.Sum(Ops.GlobalAvgPool2d(h));
                Autograd.Backward(loss);
            }

            return TensorPool.Shared.AllocatedBytes - before;
        }

        // One thread: with two, how many chunk scratch buffers are out at once depends on scheduling,
        // so a warm-up could miss the peak and a later step would (correctly) grow the pool.
        int threads = Engine.Threads;
        Engine.Threads = 1;
        try
        {
            Step();
            Step();
            Assert.Equal(0, Step());
        }
        finally
        {
            Engine.Threads = threads;
        }

        Assert.NotNull(w1.Grad);
        Assert.NotNull(w2.Grad);
    }
}
