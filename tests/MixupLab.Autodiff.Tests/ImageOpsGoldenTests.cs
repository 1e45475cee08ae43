using MixupLab.Autodiff;
using MixupLab.Tensors;
using MixupLab.Testing;

namespace MixupLab.Autodiff.Tests;

/// <summary>The image ops against PyTorch 1.13 (tools/make_fixtures.py): outputs and the gradients of sum(gout·out).</summary>
public class ImageOpsGoldenTests
{
    [Theory]
    [InlineData("op-conv2d_s1p0", 1, 0)]
    [InlineData("op-conv2d_1x1_s2", 2, 0)]
    [InlineData("op-conv2d_s2p1_bias", 2, 1)]
    public void Conv2dMatchesPyTorch(string name, int stride, int padding)
    {
        var f = PyTorchFixture.Load(name);
        bool hasBias = name.EndsWith("bias", StringComparison.Ordinal);
        var x = new Var(f["x"], requiresGrad: true);
        var w = new Var(f["weight"], requiresGrad: true);
        var b = hasBias ? new Var(f["bias"], requiresGrad: true) : null;
        var y = Ops.Conv2d(x, w, b, stride, padding);
        GradCheck.AssertClose(f["out"], y.Value, 1e-5, 1e-5, "out");
        var grads = Autograd.Grad(y, hasBias ? [x, w, b!] : [x, w], new Var(f["gout"]));
        GradCheck.AssertClose(f["grad.x"], grads[0].Value, 1e-5, 1e-5, "grad.x");
        GradCheck.AssertClose(f["grad.weight"], grads[1].Value, 1e-5, 1e-5, "grad.weight");
        if (hasBias)
        {
            GradCheck.AssertClose(f["grad.bias"], grads[2].Value, 1e-5, 1e-5, "grad.bias");
        }
    }

    [Theory]
    [InlineData("op-maxpool2d_k2s2", true, 2, 2, 0)]
    [InlineData("op-maxpool2d_k3s2p1", true, 3, 2, 1)]
    [InlineData("op-avgpool2d_k2s2", false, 2, 2, 0)]
    [InlineData("op-avgpool2d_k4s4", false, 4, 4, 0)]
    public void PoolingMatchesPyTorch(string name, bool max, int kernel, int stride, int padding)
    {
        var f = PyTorchFixture.Load(name);
        var x = new Var(f["x"], requiresGrad: true);
        var y = max ? Ops.MaxPool2d(x, kernel, stride, padding) : Ops.AvgPool2d(x, kernel, stride, padding);
        GradCheck.AssertClose(f["out"], y.Value, 1e-6, 1e-6, "out");
        var dx = Autograd.Grad(y, [x], new Var(f["gout"]))[0];
        GradCheck.AssertClose(f["grad.x"], dx.Value, 1e-5, 1e-6, "grad.x");
    }

    [Theory]
    [InlineData("op-batchnorm2d_train", true)]
    [InlineData("op-batchnorm2d_eval", false)]
    [InlineData("op-batchnorm4d_train", true)]
    [InlineData("op-batchnorm4d_eval", false)]
    public void BatchNormMatchesPyTorchIncludingRunningStats(string name, bool training)
    {
        var f = PyTorchFixture.Load(name);
        var x = new Var(f["x"], requiresGrad: true);
        var gamma = new Var(f["gamma"], requiresGrad: true);
        var beta = new Var(f["beta"], requiresGrad: true);
        var rm = f["running_mean"].Clone();
        var rv = f["running_var"].Clone();
        var y = Ops.BatchNorm(x, gamma, beta, rm, rv, training, 0.1f, 1e-5f);
        GradCheck.AssertClose(f["out"], y.Value, 1e-4, 1e-5, "out");
        GradCheck.AssertClose(f["after.running_mean"], rm, 1e-5, 1e-6, "running_mean");
        GradCheck.AssertClose(f["after.running_var"], rv, 1e-5, 1e-6, "running_var");
        var grads = Autograd.Grad(y, [x, gamma, beta], new Var(f["gout"]));
        GradCheck.AssertClose(f["grad.x"], grads[0].Value, 1e-4, 1e-5, "grad.x");
        GradCheck.AssertClose(f["grad.gamma"], grads[1].Value, 1e-4, 1e-5, "grad.gamma");
        GradCheck.AssertClose(f["grad.beta"], grads[2].Value, 1e-4, 1e-5, "grad.beta");
    }
}
