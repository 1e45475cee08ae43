using MixupLab.Data.Formats;
using MixupLab.Tensors;
using Xunit.Abstractions;

namespace MixupLab.Data.Tests;

/// <summary>Random, truncated and bit-flipped files: every failure must be a <see cref="DataFormatException"/>,
/// and a truncated file must never load as a shorter dataset.</summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] _cifar10Names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>Runs <paramref name="read"/> on many corruptions of <paramref name="valid"/>.</summary>
    /// <param name="name">Fixture name for the report.</param>
    /// <param name="valid">A file the reader accepts.</param>
    /// <param name="read">Writes the bytes where the reader looks and reads them; returns the sample count.</param>
    /// <param name="truncationMayLoad">Offsets at which a truncated file is still a valid (smaller) file of its format.</param>
    /// <param name="prefixLength">Bytes of valid header kept in front of random tails.</param>
    private void Fuzz(string name, byte[] valid, Func<byte[], int> read, Func<int, bool>? truncationMayLoad = null, int prefixLength = 0)
    {
        int validCount = read(valid);
        int typed = 0, loaded = 0;
        void Attempt(byte[] bytes, string what, bool mustFail)
        {
            try
            {
                int count = read(bytes);
                Assert.False(mustFail, $"{name}: {what} loaded {count} samples instead of failing");
                loaded++;
            }
            catch (DataFormatException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Message));
                typed++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{name}: {what} threw {e.GetType().Name} instead of DataFormatException: {e.Message}");
            }
        }

        int step = Math.Max(1, valid.Length / 97);
        for (int cut = 0; cut < valid.Length; cut += step)
        {
            Attempt(valid[..cut], $"truncation to {cut} bytes", mustFail: truncationMayLoad is null || !truncationMayLoad(cut));
        }

        Attempt(valid[..^1], "truncation by one byte", mustFail: truncationMayLoad is null || !truncationMayLoad(valid.Length - 1));
        var rng = new RandomSource(20261122);
        for (int t = 0; t < 150; t++)
        {
            var flipped = valid.ToArray();
            int flips = 1 + rng.NextInt(4);
            for (int f = 0; f < flips; f++)
            {
                // Half the flips hit the first 256 bytes, where headers and tags live.
                int at = rng.NextInt(2) == 0 ? rng.NextInt(Math.Min(256, valid.Length)) : rng.NextInt(valid.Length);
                flipped[at] ^= (byte)(1 << rng.NextInt(8));
            }

            Attempt(flipped, $"bit flips (trial {t})", mustFail: false);
        }

        for (int t = 0; t < 60; t++)
        {
            int length = rng.NextInt(4096);
            var random = new byte[prefixLength + length];
            valid.AsSpan(0, Math.Min(prefixLength, valid.Length)).CopyTo(random);
            for (int i = prefixLength; i < random.Length; i++)
            {
                random[i] = (byte)rng.NextInt(256);
            }

            Attempt(random, $"random bytes (trial {t}, length {random.Length})", mustFail: false);
        }

        output.WriteLine($"{name}: valid file of {valid.Length} bytes holds {validCount} samples; {typed} corruptions rejected with DataFormatException, {loaded} still loaded (flips in pixel data or labels that stay in range).");
        Assert.True(typed > 100, $"{name}: only {typed} corruptions were rejected");
    }

    private static byte[] IdxImages(int n) => FormatWriters.Idx([n, 28, 28], FormatWriters.RandomBytes(n * 784, 1));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxImagesAndLabels(bool gzip)
    {
        using var dir = new TempFolder();
        var labels = FormatWriters.Idx([4], [1, 2, 3, 9]);
        var images = IdxImages(4);
        Func<byte[], byte[]> encode = gzip ? FormatWriters.Gzip : b => b;
        File.WriteAllBytes(dir.File("labels"), encode(labels));
        File.WriteAllBytes(dir.File("images"), encode(images));
        int ReadWith(string target, byte[] bytes)
        {
            File.WriteAllBytes(dir.File(target), bytes);
            try
            {
                return MnistFamily.ReadPair("mnist", dir.File("images"), dir.File("labels"), MnistFamily.ClassNames("mnist"), null, "fuzz").Count;
            }
            finally
            {
                File.WriteAllBytes(dir.File("labels"), encode(labels));
                File.WriteAllBytes(dir.File("images"), encode(images));
            }
        }

        Fuzz($"idx images{(gzip ? " (gzip)" : "")}", encode(images), b => ReadWith("images", b), prefixLength: gzip ? 0 : 8);
        Fuzz($"idx labels{(gzip ? " (gzip)" : "")}", encode(labels), b => ReadWith("labels", b));
    }

    [Fact]
    public void CifarBinaryBatch()
    {
        using var dir = new TempFolder();
        foreach (var n in _cifar10Names)
        {
            File.WriteAllBytes(dir.File(n), FormatWriters.CifarRecords(FormatWriters.RandomBytes(2 * 3072, 5), [[3, 7]]));
        }

        var valid = File.ReadAllBytes(dir.File("test_batch.bin"));
        Fuzz("cifar-10 test_batch.bin", valid, b =>
        {
            File.WriteAllBytes(dir.File("test_batch.bin"), b);
            return CifarReader.LoadCifar10(dir.Path, requirePublishedCounts: false).Test.Count;
        }, truncationMayLoad: cut => cut > 0 && cut % 3073 == 0);
    }

    [Fact]
    public void CifarArchive()
    {
        using var dir = new TempFolder();
        var archive = dir.File("cifar-10-binary.tar.gz");
        FormatWriters.WriteTarGz(archive, _cifar10Names.Select(n => ("cifar-10-batches-bin/" + n, FormatWriters.CifarRecords(FormatWriters.RandomBytes(3072, 6), [[4]]))));
        var valid = File.ReadAllBytes(archive);
        Fuzz("cifar-10-binary.tar.gz", valid, b =>
        {
            File.WriteAllBytes(archive, b);
            return CifarReader.LoadCifar10(dir.Path, requirePublishedCounts: false).Train.Count;
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MatV5Svhn(bool compressed)
    {
        using var dir = new TempFolder();
        const int N = 3;
        var x = FormatWriters.MatUInt8("X", [32, 32, 3, N], FormatWriters.RandomBytes(N * 3072, 8));
        var y = FormatWriters.MatDouble("y", [N, 1], [10, 1, 5]);
        var valid = FormatWriters.Mat([x, y], compressed);
        Fuzz($"svhn .mat v5{(compressed ? " (compressed)" : "")}", valid, b =>
        {
            File.WriteAllBytes(dir.File("f.mat"), b);
            return SvhnReader.ReadFile(dir.File("f.mat"), null).Count;
        }, prefixLength: 128);
    }

    [Fact]
    public void Csv()
    {
        using var dir = new TempFolder();
        var valid = System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i * 0.5},{i % 7},{i % 3}")) + "\n");
        Fuzz("csv", valid, b =>
        {
            File.WriteAllBytes(dir.File("d.csv"), b);
            return CsvDatasetReader.Read(dir.File("d.csv")).Count;
        }, truncationMayLoad: _ => true);
    }

    [Fact]
    public void GzipTrailerCrcIsChecked()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        using var dir = new TempFolder();
        var gz = FormatWriters.Gzip(IdxImages(2));
        // Without its trailer the deflate data still decompresses completely; only the trailer check notices.
        File.WriteAllBytes(dir.File("x.gz"), gz[..^8]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(dir.File("x.gz")));
        Assert.Equal("gzip trailer", e.Field);
    }
}
