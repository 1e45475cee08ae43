using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class DatasetTests
{
    [Fact]
    public void BytesConvertLikeToTensorAndStatisticsAreExact()
    {
        var pixels = new byte[] { 0, 255, 51, 102, 0, 0, 0, 0 };
        var d = Dataset.FromBytes("t", "test", pixels, [2, 1, 2], [0, 1], ["a", "b"]);
        var s = new float[4];
        d.CopySample(0, s);
        Assert.Equal([0f, 1f, 51 / 255f, 102 / 255f], s);
        // Channel 0 holds 0, 1, 0, 0; channel 1 holds 0.2, 0.4, 0, 0.
        Assert.Equal(0.25, d.Normalization.Mean[0], 6);
        Assert.Equal(Math.Sqrt((0.25 * 0.75) - 0), d.Normalization.Std[0], 5);
        Assert.Equal(0.15, d.Normalization.Mean[1], 6);
        using var t = TensorScope.Untracked(d.ToTensor);
        Assert.Equal([2, 2, 1, 2], t.Shape);
        Assert.Equal(1f, t[1]);
    }

    [Fact]
    public void ConstantChannelGetsUnitStd()
    {
        var d = Dataset.FromFloats("t", "test", [3f, 1f, 3f, 2f], [2], [0, 0], ["a"]);
        Assert.Equal(3f, d.Normalization.Mean[0]);
        Assert.Equal(1f, d.Normalization.Std[0]);
        Assert.Equal(0.5f, d.Normalization.Std[1], 6);
    }

    [Fact]
    public void InconsistentInputsAreRejectedWithTheNumbers()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.FromFloats("t", "x", new float[5], [2], [0, 0], ["a"]));
        Assert.Contains("5 stored values", e.Message);
        var l = Assert.Throws<ArgumentException>(() => Dataset.FromFloats("t", "x", new float[4], [2], [0, 2], ["a", "b"]));
        Assert.Contains("Label 2 of sample 1", l.Message);
        Assert.Throws<ArgumentException>(() => Dataset.FromBytes("t", "x", new byte[4], [4], [0], ["a"]));
    }

    [Fact]
    public void SubsetKeepsRowsNamesAndStatistics()
    {
        var d = Dataset.FromFloats("t", "src", [0f, 1f, 2f, 3f, 4f, 5f], [2], [0, 1, 1], ["a", "b"]);
        var s = d.Subset([2, 0, 2], "pick");
        Assert.Equal([4f, 5f, 0f, 1f, 4f, 5f], s.RawValues.ToArray());
        Assert.Equal([1, 0, 1], s.Labels.ToArray());
        Assert.Same(d.Normalization, s.Normalization);
        Assert.Equal("src; pick", s.Source);
        Assert.Equal([1, 2], s.ClassCounts());
    }
}
