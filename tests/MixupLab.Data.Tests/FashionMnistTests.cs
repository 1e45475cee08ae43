using MixupLab.Data.Formats;
using Xunit.Abstractions;

namespace MixupLab.Data.Tests;

/// <summary>The real Fashion-MNIST from Debian's dataset-fashion-mnist, read in full.</summary>
public class FashionMnistTests(ITestOutputHelper output)
{
    [FashionMnistFact]
    public void RealFashionMnistIsReadInFull()
    {
        output.WriteLine($"Reading {MnistFamily.DebianFashionMnistFolder}");
        var splits = DatasetRegistry.LoadSplits(new DatasetRequest("fashion-mnist"));
        Assert.Equal(60_000, splits.Train.Count);
        Assert.Equal(10_000, splits.Test.Count);
        Assert.Equal([1, 28, 28], splits.Train.SampleShape);
        Assert.All(splits.Train.ClassCounts(), c => Assert.Equal(6_000, c));
        Assert.All(splits.Test.ClassCounts(), c => Assert.Equal(1_000, c));
        long trainSum = Sum(splits.Train.RawBytes);
        long testSum = Sum(splits.Test.RawBytes);
        output.WriteLine($"pixel byte sums: train {trainSum}, test {testSum}; mean {splits.Train.Normalization.Mean[0]}, std {splits.Train.Normalization.Std[0]}");
        Assert.Equal(_pinnedTrainSum, trainSum);
        Assert.Equal(_pinnedTestSum, testSum);
        Assert.Equal(0.2860, splits.Train.Normalization.Mean[0], 4);
        Assert.Equal(0.3530, splits.Train.Normalization.Std[0], 4);
        Assert.Equal(9, splits.Train.Label(0));
        Assert.Equal(9, splits.Test.Label(0));
    }

    // Sums of all pixel bytes, computed once independently with Python's gzip module.
    private static readonly long _pinnedTrainSum = 3_431_114_169;
    private static readonly long _pinnedTestSum = 573_469_082;

    private static long Sum(ReadOnlySpan<byte> bytes)
    {
        long s = 0;
        foreach (var b in bytes)
        {
            s += b;
        }

        return s;
    }
}
