using MixupLab.Autodiff;
using MixupLab.NN.Layers;

namespace MixupLab.NN.Models;

/// <summary>The registry's <c>small-cnn</c>: two conv-ReLU-maxpool stages and a two-layer classifier.</summary>
/// <remarks>
/// <c>features = Sequential(Conv2d(C, 32, 3), ReLU, MaxPool2d(2), Conv2d(32, 64, 3), ReLU, MaxPool2d(2))</c> (convs with bias),
/// <c>classifier = Sequential(Linear(64·h'·w', 128), ReLU, Linear(128, K))</c> with h' = ((H − 2) / 2 − 2) / 2 (floors).
/// Input (N, C, H, W), output (N, K). 1×28×28 with 10 classes: 225,034 parameters.
/// </remarks>
public sealed class SmallCnn : Module
{
    /// <summary>A small CNN for C×H×W inputs.</summary>
    /// <param name="channels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="classes">K.</param>
    public SmallCnn(int channels, int height, int width, int classes)
    {
        int h = (((height - 2) / 2) - 2) / 2;
        int w = (((width - 2) / 2) - 2) / 2;
        if (height < 3 || width < 3 || h < 1 || w < 1)
        {
            throw new ArgumentException($"small-cnn needs inputs of at least 10×10 pixels, got {height}×{width}.", nameof(height));
        }

        Features = RegisterModule("features", new Sequential(
            new Conv2d(channels, 32, 3),
            new Relu(),
            new MaxPool2d(2),
            new Conv2d(32, 64, 3),
            new Relu(),
            new MaxPool2d(2)));
        Classifier = RegisterModule("classifier", new Sequential(
            new Linear(64 * h * w, 128),
            new Relu(),
            new Linear(128, classes)));
    }

    /// <summary>The convolutional part.</summary>
    public Sequential Features { get; }

    /// <summary>The classifier.</summary>
    public Sequential Classifier { get; }

    /// <inheritdoc/>
    public override Var Forward(Var x) => Classifier.Forward(Ops.Flatten(Features.Forward(x), 1));
}
