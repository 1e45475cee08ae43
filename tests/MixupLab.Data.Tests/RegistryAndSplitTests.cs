using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class RegistryAndSplitTests
{
    private static Dataset Imbalanced()
    {
        // 60 samples of class 0, 30 of class 1, 10 of class 2; sample i has value i.
        var labels = Enumerable.Range(0, 100).Select(i => i < 60 ? 0 : i < 90 ? 1 : 2).ToArray();
        var values = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        return Dataset.FromFloats("toy", "test", values, [1], labels, ["a", "b", "c"]);
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load(new DatasetRequest("imagenet")));
        foreach (var name in new[] { "two-moons", "gaussian-mixture", "mnist", "fashion-mnist", "kmnist", "cifar10", "cifar100", "svhn", "csv" })
        {
            Assert.Contains(name, e.Message);
            Assert.Contains(name, DatasetRegistry.Names);
        }
    }

    [Fact]
    public void BalancedSubsetTakesEqualCountsAndIsSeeded()
    {
        var d = Imbalanced();
        var a = DatasetSplitter.Subset(d, 30, classBalanced: true, new RandomSource(1));
        Assert.Equal([10, 10, 10], a.ClassCounts());
        var b = DatasetSplitter.Subset(d, 30, classBalanced: true, new RandomSource(1));
        Assert.Equal(a.RawValues.ToArray(), b.RawValues.ToArray());
        var c = DatasetSplitter.Subset(d, 30, classBalanced: true, new RandomSource(2));
        Assert.NotEqual(a.RawValues.ToArray(), c.RawValues.ToArray());
        Assert.Equal(a.RawValues.ToArray().Order(), a.RawValues.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Subset(d, 33, classBalanced: true, new RandomSource(1)));
        Assert.Equal([8, 8, 7], DatasetSplitter.Subset(d, 23, classBalanced: true, new RandomSource(1)).ClassCounts());
    }

    [Fact]
    public void ValidationCarveIsDisjointAndComplete()
    {
        var (train, validation) = DatasetSplitter.CarveValidation(Imbalanced(), 15, classBalanced: true, new RandomSource(3));
        Assert.Equal(85, train.Count);
        Assert.Equal([5, 5, 5], validation.ClassCounts());
        var all = train.RawValues.ToArray().Concat(validation.RawValues.ToArray()).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        Assert.Contains("validation", validation.Source);
    }

    [Fact]
    public void RequestAppliesValidationThenTrainSize()
    {
        var request = new DatasetRequest("gaussian-mixture") { Seed = 5, ValidationSize = 100, TrainSize = 50, ClassBalanced = true, Options = new Dictionary<string, string> { ["n"] = "1000" } };
        var splits = DatasetRegistry.LoadSplits(request);
        Assert.Equal(50, splits.Train.Count);
        Assert.Equal([25, 25], splits.Train.ClassCounts());
        Assert.Equal([50, 50], splits.Validation!.ClassCounts());
        var trainSet = splits.Train.RawValues.ToArray().Chunk(2).Select(p => (p[0], p[1])).ToHashSet();
        Assert.DoesNotContain(splits.Validation.RawValues.ToArray().Chunk(2).Select(p => (p[0], p[1])), trainSet.Contains);
        Assert.Equal(splits.Validation.RawValues.ToArray(), DatasetRegistry.Load(request with { Split = DatasetSplit.Validation }).RawValues.ToArray());
        Assert.Throws<InvalidOperationException>(() => DatasetRegistry.Load(new DatasetRequest("two-moons") { Split = DatasetSplit.Validation }));
    }

    [Fact]
    public void TrainSizeLargerThanTheSplitNamesTheFlagAndTheLimit()
    {
        var request = new DatasetRequest("gaussian-mixture") { TrainSize = 5000, Options = new Dictionary<string, string> { ["n"] = "1000" } };
        var e = Assert.Throws<ArgumentException>(() => DatasetRegistry.LoadSplits(request));
        Assert.Equal("train-size", e.ParamName);
        Assert.Contains("expected 1 to ", e.Message, StringComparison.Ordinal);
    }
}
