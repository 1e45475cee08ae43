using MixupLab.Data.Formats;

namespace MixupLab.Data.Tests;

public class CifarTests
{
    private static (byte[] Pixels, int[] Labels) Batch(int n, int classes, ulong seed) =>
        (FormatWriters.RandomBytes(n * 3072, seed), FormatWriters.RandomLabels(n, classes, seed + 100));

    private static List<(string Name, byte[] Bytes, byte[] Pixels, int[] Labels)> Cifar10Files()
    {
        var files = new List<(string, byte[], byte[], int[])>();
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        for (int i = 0; i < names.Length; i++)
        {
            var (p, l) = Batch(3 + i, 10, (ulong)i);
            files.Add((names[i], FormatWriters.CifarRecords(p, [l]), p, l));
        }

        return files;
    }

    [Theory]
    [InlineData("flat")]
    [InlineData("folder")]
    [InlineData("targz")]
    public void Cifar10RoundTrips(string layout)
    {
        using var dir = new TempFolder();
        var files = Cifar10Files();
        switch (layout)
        {
            case "flat":
                files.ForEach(f => File.WriteAllBytes(dir.File(f.Name), f.Bytes));
                break;
            case "folder":
                Directory.CreateDirectory(dir.File("cifar-10-batches-bin"));
                files.ForEach(f => File.WriteAllBytes(Path.Combine(dir.Path, "cifar-10-batches-bin", f.Name), f.Bytes));
                break;
            default:
                // Test batch first: the archive order must not matter.
                FormatWriters.WriteTarGz(dir.File("cifar-10-binary.tar.gz"), files.AsEnumerable().Reverse().Select(f => ("cifar-10-batches-bin/" + f.Name, f.Bytes)).Append(("cifar-10-batches-bin/batches.meta.txt", "airplane\n"u8.ToArray())));
                break;
        }

        var (train, test) = CifarReader.LoadCifar10(dir.Path, requirePublishedCounts: false);
        Assert.Equal(3 + 4 + 5 + 6 + 7, train.Count);
        Assert.Equal(8, test.Count);
        Assert.Equal([3, 32, 32], train.SampleShape);
        Assert.Equal(files.Take(5).SelectMany(f => f.Pixels), train.RawBytes.ToArray());
        Assert.Equal(files.Take(5).SelectMany(f => f.Labels), train.Labels.ToArray());
        Assert.Equal(files[5].Pixels, test.RawBytes.ToArray());
        Assert.Equal(files[5].Labels, test.Labels.ToArray());
        Assert.False(train.IsDigits);
        Assert.Equal("airplane", train.ClassNames[0]);
        Assert.Equal(AugmentationOptions.Standard, AugmentationOptions.DefaultFor(train));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Cifar100RoundTripsWithFineAndCoarseLabels(bool archive, bool coarse)
    {
        using var dir = new TempFolder();
        var (trainPixels, fine) = Batch(9, 100, 7);
        var coarseLabels = fine.Select(f => f / 5).ToArray();
        var (testPixels, testFine) = Batch(4, 100, 8);
        var testCoarse = testFine.Select(f => f % 20).ToArray();
        var trainBytes = FormatWriters.CifarRecords(trainPixels, [coarseLabels, fine]);
        var testBytes = FormatWriters.CifarRecords(testPixels, [testCoarse, testFine]);
        if (archive)
        {
            FormatWriters.WriteTarGz(dir.File("cifar-100-binary.tar.gz"), [("cifar-100-binary/train.bin", trainBytes), ("cifar-100-binary/test.bin", testBytes)]);
        }
        else
        {
            File.WriteAllBytes(dir.File("train.bin"), trainBytes);
            File.WriteAllBytes(dir.File("test.bin"), testBytes);
        }

        var (train, test) = CifarReader.LoadCifar100(dir.Path, coarse, requirePublishedCounts: false);
        Assert.Equal(trainPixels, train.RawBytes.ToArray());
        Assert.Equal(testPixels, test.RawBytes.ToArray());
        Assert.Equal(coarse ? coarseLabels : fine, train.Labels.ToArray());
        Assert.Equal(coarse ? testCoarse : testFine, test.Labels.ToArray());
        Assert.Equal(coarse ? 20 : 100, train.ClassCount);
    }

    [Fact]
    public void ClassNameListsHaveThePublishedSizes()
    {
        Assert.Equal(10, CifarClassNames.Cifar10.Distinct().Count());
        Assert.Equal(100, CifarClassNames.Cifar100Fine.Distinct().Count());
        Assert.Equal(20, CifarClassNames.Cifar100Coarse.Distinct().Count());
        Assert.Equal("worm", CifarClassNames.Cifar100Fine[99]);
    }

    [Fact]
    public void PartialRecordIsTruncationError()
    {
        using var dir = new TempFolder();
        var files = Cifar10Files();
        files.ForEach(f => File.WriteAllBytes(dir.File(f.Name), f.Bytes));
        File.WriteAllBytes(dir.File("data_batch_3.bin"), files[2].Bytes[..^10]);
        var e = Assert.Throws<DataFormatException>(() => CifarReader.LoadCifar10(dir.Path, requirePublishedCounts: false));
        Assert.Equal(dir.File("data_batch_3.bin"), e.File);
        Assert.Contains("3073-byte record", e.Message);
    }

    [Fact]
    public void FileCutAtARecordBoundaryIsRejectedByDefault()
    {
        using var dir = new TempFolder();
        Cifar10Files().ForEach(f => File.WriteAllBytes(dir.File(f.Name), f.Bytes));
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("cifar10") { DataDirectory = dir.Path }));
        Assert.Contains("10000 records", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeNamesTheRecord()
    {
        using var dir = new TempFolder();
        var files = Cifar10Files();
        files.ForEach(f => File.WriteAllBytes(dir.File(f.Name), f.Bytes));
        var bad = files[5].Bytes.ToArray();
        bad[2 * 3073] = 10;
        File.WriteAllBytes(dir.File("test_batch.bin"), bad);
        var e = Assert.Throws<DataFormatException>(() => CifarReader.LoadCifar10(dir.Path, requirePublishedCounts: false));
        Assert.Equal("label of record 2", e.Field);
    }

    [Fact]
    public void MissingFilesAndMissingArchiveEntriesAreReported()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("cifar10") { DataDirectory = dir.Path }));
        Assert.Contains("cifar-10-binary.tar.gz", e.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar.html", e.Message);
        FormatWriters.WriteTarGz(dir.File("cifar-100-binary.tar.gz"), [("cifar-100-binary/train.bin", new byte[3074])]);
        var m = Assert.Throws<DataFormatException>(() => DatasetRegistry.Load(new DatasetRequest("cifar100") { DataDirectory = dir.Path }));
        Assert.Contains("test.bin", m.Found);
    }
}
