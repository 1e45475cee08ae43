using MixupLab.NN.Schedules;

namespace MixupLab.NN.Tests;

public class ScheduleTests
{
    [Fact]
    public void Constant() => Assert.Equal(0.1, LrSchedule.Constant(0.1).LearningRate(57, 3));

    [Fact]
    public void MultiStepAsPyTorch()
    {
        var s = LrSchedule.MultiStep(0.1, [100, 150], 0.1);
        Assert.Equal(0.1, s.LearningRate(0, 0), 12);
        Assert.Equal(0.1, s.LearningRate(99, 40), 12);
        Assert.Equal(0.01, s.LearningRate(100, 0), 12);
        Assert.Equal(0.001, s.LearningRate(150, 0), 12);
        Assert.Equal(0.001, s.LearningRate(199, 0), 12);
        Assert.Throws<ArgumentException>(() => LrSchedule.MultiStep(0.1, [150, 100], 0.1));
    }

    [Fact]
    public void CosineEpochWise()
    {
        var s = LrSchedule.Cosine(0.1, 200, 0.001);
        Assert.Equal(0.1, s.LearningRate(0, 0), 12);
        Assert.Equal(0.001 + (0.099 * 0.5), s.LearningRate(100, 7), 12);
        Assert.Equal(0.001 + (0.099 * (1 + Math.Cos(Math.PI / 4)) / 2), s.LearningRate(50, 0), 12);
        Assert.Equal(0.001, s.LearningRate(200, 0), 12);
        Assert.Equal(0.001, s.LearningRate(250, 0), 12);
    }

    [Fact]
    public void CosinePerStep()
    {
        var s = LrSchedule.Cosine(1.0, 2, 0, stepsPerEpoch: 10);
        Assert.Equal(0.5, s.LearningRate(1, 0), 12);
        Assert.Equal((1 + Math.Cos(Math.PI * 1.5 / 2)) / 2, s.LearningRate(1, 5), 12);
    }

    [Fact]
    public void WarmupComposesWithMultiStep()
    {
        var s = LrSchedule.WithWarmup(LrSchedule.MultiStep(0.4, [3], 0.5), warmupEpochs: 2, stepsPerEpoch: 4, startFactor: 0.1);
        Assert.Equal(0.04, s.LearningRate(0, 0), 12);
        Assert.Equal(0.4 * (0.1 + (0.9 * 0.25 / 2)), s.LearningRate(0, 1), 12);
        Assert.Equal(0.4 * (0.1 + (0.9 * 1.5 / 2)), s.LearningRate(1, 2), 12);
        Assert.Equal(0.4, s.LearningRate(2, 0), 12);
        Assert.Equal(0.2, s.LearningRate(3, 1), 12);
    }

    [Fact]
    public void WarmupComposesWithCosine()
    {
        var inner = LrSchedule.Cosine(0.1, 10);
        var s = LrSchedule.WithWarmup(inner, 1, 5);
        Assert.Equal(0, s.LearningRate(0, 0), 12);
        Assert.Equal(inner.LearningRate(0, 2) * 0.4, s.LearningRate(0, 2), 12);
        Assert.Equal(inner.LearningRate(4, 0), s.LearningRate(4, 0), 12);
    }

    [Fact]
    public void NegativePositionsAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LrSchedule.Constant(1).LearningRate(-1, 0));
        Assert.Equal("epoch", e.ParamName);
    }
}
