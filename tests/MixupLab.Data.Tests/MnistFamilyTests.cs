using MixupLab.Data.Formats;

namespace MixupLab.Data.Tests;

public class MnistFamilyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IdxFolderRoundTrips(bool gzip)
    {
        using var dir = new TempFolder();
        var trainPixels = FormatWriters.RandomBytes(50 * 784, 1);
        var trainLabels = FormatWriters.RandomLabels(50, 10, 2).Select(x => (byte)x).ToArray();
        var testPixels = FormatWriters.RandomBytes(20 * 784, 3);
        var testLabels = FormatWriters.RandomLabels(20, 10, 4).Select(x => (byte)x).ToArray();
        FormatWriters.WriteMnistFolder(dir.Path, trainPixels, trainLabels, testPixels, testLabels, gzip);

        var splits = DatasetRegistry.LoadSplits(new DatasetRequest("mnist") { DataDirectory = dir.Path });

        Assert.Equal(50, splits.Train.Count);
        Assert.Equal(20, splits.Test.Count);
        Assert.Equal([1, 28, 28], splits.Train.SampleShape);
        Assert.True(splits.Train.IsDigits);
        Assert.Equal(trainPixels, splits.Train.RawBytes.ToArray());
        Assert.Equal(testPixels, splits.Test.RawBytes.ToArray());
        Assert.Equal(trainLabels.Select(b => (int)b), splits.Train.Labels.ToArray());
        Assert.Equal(testLabels.Select(b => (int)b), splits.Test.Labels.ToArray());
        var sample = new float[784];
        splits.Train.CopySample(3, sample);
        Assert.Equal(trainPixels[(3 * 784) + 100] / 255f, sample[100]);
        Assert.Same(splits.Train.Normalization, splits.Test.Normalization);
        double mean = trainPixels.Average(b => b / 255.0);
        Assert.Equal(mean, splits.Train.Normalization.Mean[0], 5);
    }

    [Fact]
    public void DatasetSubfolderIsSearched()
    {
        using var dir = new TempFolder();
        var sub = Directory.CreateDirectory(Path.Combine(dir.Path, "kmnist")).FullName;
        FormatWriters.WriteMnistFolder(sub, new byte[784 * 2], [0, 9], new byte[784], [5], gzip: true);
        var test = DatasetRegistry.Load(new DatasetRequest("kmnist") { DataDirectory = dir.Path, Split = DatasetSplit.Test });
        Assert.Equal(1, test.Count);
        Assert.Equal(5, test.Label(0));
        Assert.Equal("ha", test.ClassNames[5]);
    }

    [Fact]
    public void WrongMagicNamesFileAndValues()
    {
        using var dir = new TempFolder();
        FormatWriters.WriteMnistFolder(dir.Path, new byte[784], [1], new byte[784], [1], gzip: false);
        // Swap in a label file where the image file should be.
        File.Copy(dir.File("train-labels-idx1-ubyte"), dir.File("train-images-idx3-ubyte"), overwrite: true);
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("mnist") { DataDirectory = dir.Path }));
        Assert.Equal(dir.File("train-images-idx3-ubyte"), e.File);
        Assert.Equal("magic number", e.Field);
        Assert.Contains("0x00000803", e.Message);
        Assert.Contains("0x00000801", e.Message);
    }

    [Fact]
    public void TruncatedImagesAreAnErrorNotAShortDataset()
    {
        using var dir = new TempFolder();
        FormatWriters.WriteMnistFolder(dir.Path, new byte[784 * 3], [1, 2, 3], new byte[784], [1], gzip: false);
        var path = dir.File("train-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^784]);
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("mnist") { DataDirectory = dir.Path }));
        Assert.Equal("data length", e.Field);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempFolder();
        FormatWriters.WriteMnistFolder(dir.Path, new byte[784 * 3], [1, 2, 3], new byte[784], [1], gzip: true);
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte.gz"), FormatWriters.Gzip(FormatWriters.Idx([2], [1, 2])));
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("mnist") { DataDirectory = dir.Path }));
        Assert.Equal("label count", e.Field);
        Assert.Contains("3 labels", e.Message);
        Assert.Contains("found 2 labels", e.Message);
    }

    [Fact]
    public void LabelsOutOfRangeAreReported()
    {
        using var dir = new TempFolder();
        FormatWriters.WriteMnistFolder(dir.Path, new byte[784 * 2], [1, 10], new byte[784], [1], gzip: false);
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("mnist") { DataDirectory = dir.Path }));
        Assert.Equal("label of sample 1", e.Field);
        Assert.Contains("[0, 10)", e.Message);
        Assert.Contains("found 10", e.Message);
    }

    [Fact]
    public void MissingFilesSayHowToGetTheDataset()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("fashion-mnist") { DataDirectory = dir.Path }));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
        var m = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("mnist")));
        Assert.Contains("--data-dir", m.Message);
    }

    [Fact]
    public void CorruptGzipIsTheTypedError()
    {
        using var dir = new TempFolder();
        FormatWriters.WriteMnistFolder(dir.Path, new byte[784 * 2], [1, 2], new byte[784], [1], gzip: true);
        var path = dir.File("train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.File);
    }
}
