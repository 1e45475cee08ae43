using MixupLab.Data.Formats;

namespace MixupLab.Data.Tests;

public class SvhnTests
{
    private static (byte[] File, byte[] Pixels, int[] Digits) SvhnMat(int n, ulong seed, bool compressed, bool labelsAsUInt8)
    {
        var pixels = FormatWriters.RandomBytes(n * 3072, seed);
        var digits = FormatWriters.RandomLabels(n, 10, seed + 1);
        digits[0] = 0;
        var y = digits.Select(d => d == 0 ? 10 : d).ToArray();
        var yVar = labelsAsUInt8
            ? FormatWriters.MatDoubleAsUInt8("y", [n, 1], y.Select(v => (byte)v).ToArray())
            : FormatWriters.MatDouble("y", [n, 1], y.Select(v => (double)v).ToArray());
        var x = FormatWriters.MatUInt8("X", [32, 32, 3, n], FormatWriters.SvhnColumnMajor(pixels, n));
        return (FormatWriters.Mat([x, yVar], compressed), pixels, digits);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void MatV5RoundTripsWithTransposeAndLabelTen(bool compressed, bool labelsAsUInt8)
    {
        using var dir = new TempFolder();
        var (train, trainPixels, trainDigits) = SvhnMat(5, 1, compressed, labelsAsUInt8);
        var (test, testPixels, testDigits) = SvhnMat(3, 2, compressed, labelsAsUInt8);
        var (extra, extraPixels, extraDigits) = SvhnMat(2, 3, compressed, labelsAsUInt8);
        File.WriteAllBytes(dir.File("train_32x32.mat"), train);
        File.WriteAllBytes(dir.File("test_32x32.mat"), test);
        File.WriteAllBytes(dir.File("extra_32x32.mat"), extra);

        var splits = DatasetRegistry.LoadSplits(new DatasetRequest("svhn") { DataDirectory = dir.Path });
        Assert.Equal(trainPixels, splits.Train.RawBytes.ToArray());
        Assert.Equal(trainDigits, splits.Train.Labels.ToArray());
        Assert.Equal(testPixels, splits.Test.RawBytes.ToArray());
        Assert.Equal(testDigits, splits.Test.Labels.ToArray());
        Assert.True(splits.Train.IsDigits);

        var withExtra = DatasetRegistry.Load(new DatasetRequest("svhn") { DataDirectory = dir.Path, Options = new Dictionary<string, string> { ["extra"] = "true" } });
        Assert.Equal(trainPixels.Concat(extraPixels), withExtra.RawBytes.ToArray());
        Assert.Equal(trainDigits.Concat(extraDigits), withExtra.Labels.ToArray());
    }

    [Fact]
    public void ReaderReportsDimensionsNameAndStorage()
    {
        var bytes = FormatWriters.Mat([FormatWriters.MatDouble("weights", [2, 3], [1, 2, 3, 4, 5, 6])], compressed: true);
        var arrays = MatV5Reader.Parse(bytes, "w.mat");
        var w = arrays["weights"];
        Assert.Equal([2, 3], w.Dimensions);
        Assert.Equal("double", w.ClassName);
        Assert.Equal(MatDataType.Double, w.DataType);
        Assert.Equal(6.0, w.GetDouble(5));
    }

    [Fact]
    public void HdfFiveVersionIsAClearError()
    {
        var header = FormatWriters.MatHeader("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .", version: 0x0200);
        var file = new byte[1024];
        header.CopyTo(file, 0);
        "\x89HDF\r\n\x1a\n"u8.CopyTo(file.AsSpan(512));
        var e = Assert.Throws<DataFormatException>(() => MatV5Reader.Parse(file, "train_32x32.mat"));
        Assert.Equal("MAT-file version", e.Field);
        Assert.Contains("v7.3", e.Message);
        Assert.Contains("-v7", e.Message);
        Assert.Contains("scipy", e.Message);
    }

    [Fact]
    public void WrongArraysAndLabelsAreReported()
    {
        var x = FormatWriters.MatUInt8("X", [32, 32, 3, 2], new byte[2 * 3072]);
        var noY = FormatWriters.Mat([x], compressed: false);
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a.mat"), noY);
        var e = Assert.Throws<DataFormatException>(() => SvhnReader.ReadFile(dir.File("a.mat"), null));
        Assert.Equal("variable y", e.Field);
        Assert.Contains("variables X", e.Message);

        var wrongCount = FormatWriters.Mat([x, FormatWriters.MatDouble("y", [3, 1], [1, 2, 3])], compressed: true);
        File.WriteAllBytes(dir.File("b.mat"), wrongCount);
        Assert.Contains("2×1", Assert.Throws<DataFormatException>(() => SvhnReader.ReadFile(dir.File("b.mat"), null)).Message);

        var badLabel = FormatWriters.Mat([x, FormatWriters.MatDouble("y", [2, 1], [1, 11])], compressed: true);
        File.WriteAllBytes(dir.File("c.mat"), badLabel);
        var l = Assert.Throws<DataFormatException>(() => SvhnReader.ReadFile(dir.File("c.mat"), null));
        Assert.Equal("y of sample 1", l.Field);
        Assert.Contains("found 11", l.Message);
    }

    [Fact]
    public void MissingFileExplainsWhereToGetSvhn()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("svhn") { DataDirectory = dir.Path }));
        Assert.Contains("train_32x32.mat", e.Message);
        Assert.Contains("ufldl.stanford.edu/housenumbers", e.Message);
    }
}
