using MixupLab.Data.Formats;

namespace MixupLab.Data.Tests;

public class CsvTests
{
    [Fact]
    public void HeaderIsDetectedAndLabelChosenByName()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("data.csv"), "species,a,b\ncat,1.5,2\ndog,-3,4e-1\n\ncat,0,0\n");
        var d = CsvDatasetReader.Read(dir.File("data.csv"), "species");
        Assert.Equal(3, d.Count);
        Assert.Equal([2], d.SampleShape);
        Assert.Equal(["cat", "dog"], d.ClassNames);
        Assert.Equal([0, 1, 0], d.Labels.ToArray());
        Assert.Equal([1.5f, 2f, -3f, 0.4f, 0f, 0f], d.RawValues.ToArray());
    }

    [Fact]
    public void IntegerLabelsByIndexWithoutHeader()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("x.csv"), "2;0.5;7\n0;1;8\n");
        var d = CsvDatasetReader.Read(dir.File("x.csv"), "0", hasHeader: false, separator: ';');
        Assert.Equal([2, 0], d.Labels.ToArray());
        Assert.Equal(3, d.ClassCount);
        Assert.Equal([0.5f, 7f, 1f, 8f], d.RawValues.ToArray());
    }

    [Fact]
    public void BadFieldNamesLineAndColumn()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("x.csv"), "a,b,label\n1,2,0\n3,abc,1\n");
        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(dir.File("x.csv")));
        Assert.Equal("line 3, column 1 ('b')", e.Field);
        Assert.Contains("\"abc\"", e.Message);
        File.WriteAllText(dir.File("y.csv"), "1,2,0\n3,1\n");
        Assert.Equal("line 2", Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(dir.File("y.csv"))).Field);
        Assert.Equal("label column", Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(dir.File("y.csv"), "nope")).Field);
    }

    [Fact]
    public void RegistrySplitsSeededWithTrainStatistics()
    {
        using var dir = new TempFolder();
        File.WriteAllLines(dir.File("data.csv"), Enumerable.Range(0, 100).Select(i => $"{i},{i % 3}"));
        var splits = DatasetRegistry.LoadSplits(new DatasetRequest("csv") { DataDirectory = dir.Path, Seed = 1, Options = new Dictionary<string, string> { ["test-fraction"] = "0.25" } });
        Assert.Equal(75, splits.Train.Count);
        Assert.Equal(25, splits.Test.Count);
        var all = splits.Train.RawValues.ToArray().Concat(splits.Test.RawValues.ToArray()).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        Assert.Equal(splits.Train.RawValues.ToArray().Average(), splits.Train.Normalization.Mean[0], 3);
        Assert.Same(splits.Train.Normalization, splits.Test.Normalization);
    }
}
