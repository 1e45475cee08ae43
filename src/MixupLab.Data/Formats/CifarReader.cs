using System.Formats.Tar;

namespace MixupLab.Data.Formats;

/// <summary>Reads the binary versions of CIFAR-10 and CIFAR-100, from the extracted folder or the published .tar.gz.</summary>
/// <remarks>
/// CIFAR-10: <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and <c>test_batch.bin</c>, records of
/// 1 label byte + 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32×32 row-major), which is
/// already (C, H, W). CIFAR-100: <c>train.bin</c> and <c>test.bin</c>, records of a coarse label byte, a fine
/// label byte and 3072 pixel bytes. The archives are <c>cifar-10-binary.tar.gz</c> (folder
/// <c>cifar-10-batches-bin</c>) and <c>cifar-100-binary.tar.gz</c> (folder <c>cifar-100-binary</c>); the
/// archive is read directly: gunzipped in memory (trailer CRC-32 checked) and walked with <see cref="TarReader"/>.
/// </remarks>
public static class CifarReader
{
    /// <summary>Pixel bytes per image (3 × 32 × 32).</summary>
    public const int ImageBytes = 3072;

    private static readonly string _hint10 = "Download the binary version cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and pass --data-dir with the folder holding it (or its extracted cifar-10-batches-bin folder).";
    private static readonly string _hint100 = "Download the binary version cifar-100-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and pass --data-dir with the folder holding it (or its extracted cifar-100-binary folder).";

    /// <summary>Loads CIFAR-10 train (50,000) and test (10,000).</summary>
    /// <param name="dataDirectory">Folder holding the archive, the extracted folder, or the .bin files.</param>
    /// <param name="requirePublishedCounts">Whether every file must hold the published 10,000 records (so a file cut at a
    /// record boundary is an error, not a smaller dataset); false accepts any whole number of records.</param>
    public static (Dataset Train, Dataset Test) LoadCifar10(string? dataDirectory, bool requirePublishedCounts = true)
    {
        string[] trainFiles = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
        var files = Locate(dataDirectory, "cifar-10-batches-bin", "cifar-10-binary.tar.gz", [.. trainFiles, "test_batch.bin"], _hint10);
        var classNames = CifarClassNames.Cifar10;
        if (requirePublishedCounts)
        {
            RequireRecords(files, [.. trainFiles, "test_batch.bin"], 10_000, 1);
        }

        var train = Parse("cifar10", files, trainFiles, 1, 0, classNames, null);
        var test = Parse("cifar10", files, ["test_batch.bin"], 1, 0, classNames, train.Normalization);
        return (train, test);
    }

    /// <summary>Loads CIFAR-100 train (50,000) and test (10,000) with fine (100) or coarse (20) labels.</summary>
    /// <param name="dataDirectory">Folder holding the archive, the extracted folder, or the .bin files.</param>
    /// <param name="coarse">Use the 20 coarse labels instead of the 100 fine ones.</param>
    /// <param name="requirePublishedCounts">Whether train.bin and test.bin must hold the published 50,000 and 10,000 records.</param>
    public static (Dataset Train, Dataset Test) LoadCifar100(string? dataDirectory, bool coarse, bool requirePublishedCounts = true)
    {
        var files = Locate(dataDirectory, "cifar-100-binary", "cifar-100-binary.tar.gz", ["train.bin", "test.bin"], _hint100);
        if (requirePublishedCounts)
        {
            RequireRecords(files, ["train.bin"], 50_000, 2);
            RequireRecords(files, ["test.bin"], 10_000, 2);
        }

        var classNames = coarse ? CifarClassNames.Cifar100Coarse : CifarClassNames.Cifar100Fine;
        var train = Parse("cifar100", files, ["train.bin"], 2, coarse ? 0 : 1, classNames, null);
        var test = Parse("cifar100", files, ["test.bin"], 2, coarse ? 0 : 1, classNames, train.Normalization);
        return (train, test);
    }

    /// <summary>Parses CIFAR records from in-memory files (name → bytes) in the order of <paramref name="names"/>.</summary>
    /// <param name="datasetName">Registry name for the result.</param>
    /// <param name="files">File contents by name, with the path each came from.</param>
    /// <param name="names">Files to concatenate.</param>
    /// <param name="labelBytes">1 for CIFAR-10, 2 for CIFAR-100 (coarse then fine).</param>
    /// <param name="labelOffset">Which label byte to use (0 coarse, 1 fine for CIFAR-100).</param>
    /// <param name="classNames">Class names; labels must be below their count.</param>
    /// <param name="normalization">Statistics to record, or null to compute.</param>
    internal static Dataset Parse(string datasetName, IReadOnlyDictionary<string, (string Path, byte[] Bytes)> files, string[] names, int labelBytes, int labelOffset, IReadOnlyList<string> classNames, ChannelStatistics? normalization)
    {
        int record = labelBytes + ImageBytes;
        long total = 0;
        foreach (var name in names)
        {
            var (path, bytes) = files[name];
            if (bytes.Length == 0 || bytes.Length % record != 0)
            {
                throw new DataFormatException(path, "file length", $"a positive multiple of the {record}-byte record ({labelBytes} label byte{(labelBytes == 1 ? "" : "s")} + {ImageBytes} pixels)", $"{bytes.Length} bytes{(bytes.Length % record != 0 ? $" ({bytes.Length % record} bytes of a partial record: truncated or not a CIFAR {(labelBytes == 1 ? "10" : "100")} file)" : "")}");
            }

            total += bytes.Length / record;
        }

        var pixels = new byte[total * ImageBytes];
        var labels = new int[total];
        int n = 0;
        foreach (var name in names)
        {
            var (path, bytes) = files[name];
            int count = bytes.Length / record;
            for (int i = 0; i < count; i++, n++)
            {
                int offset = i * record;
                int label = bytes[offset + labelOffset];
                if (label >= classNames.Count)
                {
                    string which = labelBytes == 1 ? "label" : labelOffset == 0 ? "coarse label" : "fine label";
                    throw new DataFormatException(path, $"{which} of record {i}", $"a class in [0, {classNames.Count})", label.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (labelBytes == 2 && bytes[offset + 1 - labelOffset] >= (labelOffset == 0 ? 100 : 20))
                {
                    string other = labelOffset == 0 ? "fine label" : "coarse label";
                    throw new DataFormatException(path, $"{other} of record {i}", $"a class in [0, {(labelOffset == 0 ? 100 : 20)})", bytes[offset + 1 - labelOffset].ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                labels[n] = label;
                bytes.AsSpan(offset + labelBytes, ImageBytes).CopyTo(pixels.AsSpan(n * ImageBytes));
            }
        }

        var source = string.Join(", ", names.Select(x => files[x].Path));
        return Dataset.FromBytes(datasetName, source, pixels, [3, 32, 32], labels, classNames, normalization);
    }

    private static void RequireRecords(Dictionary<string, (string Path, byte[] Bytes)> files, string[] names, int records, int labelBytes)
    {
        foreach (var name in names)
        {
            var (path, bytes) = files[name];
            long expected = (long)records * (labelBytes + ImageBytes);
            if (bytes.Length != expected)
            {
                throw new DataFormatException(path, "file length", $"{expected} bytes ({records} records of {labelBytes + ImageBytes} bytes, as published)", $"{bytes.Length} bytes{(bytes.Length < expected ? " (truncated)" : "")}");
            }
        }
    }

    private static Dictionary<string, (string Path, byte[] Bytes)> Locate(string? dataDirectory, string folderName, string archiveName, string[] needed, string hint)
    {
        if (dataDirectory is null)
        {
            throw new DataFormatException("(no --data-dir)", "data folder", $"a folder holding {archiveName} or {folderName}/", "none given", hint);
        }

        foreach (var folder in new[] { dataDirectory, Path.Combine(dataDirectory, folderName) })
        {
            if (needed.All(f => File.Exists(Path.Combine(folder, f))))
            {
                return needed.ToDictionary(f => f, f => (Path.Combine(folder, f), FileBytes.ReadAll(Path.Combine(folder, f))));
            }
        }

        var archive = Path.Combine(dataDirectory, archiveName);
        if (File.Exists(archive))
        {
            return ReadArchive(archive, needed, hint);
        }

        var missing = needed.Where(f => !File.Exists(Path.Combine(dataDirectory, f)) && !File.Exists(Path.Combine(dataDirectory, folderName, f)));
        throw new DataFormatException(dataDirectory, "files", $"{archiveName}, or {string.Join(", ", needed)} in it or in {folderName}/", $"none of the archive and missing {string.Join(", ", missing)}", hint);
    }

    private static Dictionary<string, (string Path, byte[] Bytes)> ReadArchive(string archive, string[] needed, string hint)
    {
        var found = new Dictionary<string, (string Path, byte[] Bytes)>();
        try
        {
            // Decompressed in memory (about 180 MB for CIFAR) so that the gzip trailer is checked before use.
            using var tarBytes = new MemoryStream(FileBytes.Gunzip(FileBytes.ReadAll(archive), archive), writable: false);
            using var tar = new TarReader(tarBytes);
            while (tar.GetNextEntry() is { } entry)
            {
                var baseName = Path.GetFileName(entry.Name);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !needed.Contains(baseName) || found.ContainsKey(baseName))
                {
                    continue;
                }

                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                found[baseName] = ($"{archive}:{entry.Name}", content.ToArray());
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new DataFormatException(archive, "tar.gz archive", "a complete gzip-compressed tar archive", $"corrupt data ({e.Message})", hint, e);
        }

        var missing = needed.Where(n => !found.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(archive, "archive entries", string.Join(", ", needed), $"no {string.Join(", ", missing)}", hint);
        }

        return found;
    }
}
