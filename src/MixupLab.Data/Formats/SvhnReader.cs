using System.Globalization;

namespace MixupLab.Data.Formats;

/// <summary>Reads SVHN cropped digits (format 2) from <c>train_32x32.mat</c>, <c>test_32x32.mat</c> and optionally
/// <c>extra_32x32.mat</c>.</summary>
/// <remarks>
/// Each file holds <c>X</c>, uint8 of size 32×32×3×N in MATLAB's column-major order (element
/// <c>(row, col, channel, n)</c> at <c>row + 32·col + 1024·channel + 3072·n</c>), and <c>y</c>, N×1 (double or
/// a narrower integer type) with labels 1–10 where 10 stands for the digit 0. The images are transposed to
/// row-major (C, H, W) and label 10 becomes 0, as torchvision does.
/// </remarks>
public static class SvhnReader
{
    private static readonly string _hint = "Download train_32x32.mat and test_32x32.mat (and optionally extra_32x32.mat) from http://ufldl.stanford.edu/housenumbers/ and pass --data-dir.";

    private static readonly string[] _classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Loads the train (optionally with extra appended) and test splits.</summary>
    public static (Dataset Train, Dataset Test) Load(string? dataDirectory, bool includeExtra)
    {
        if (dataDirectory is null)
        {
            throw new DataFormatException("(no --data-dir)", "data folder", "a folder holding train_32x32.mat and test_32x32.mat", "none given", _hint);
        }

        var trainPath = Find(dataDirectory, "train_32x32.mat");
        var train = ReadFile(trainPath, null);
        if (includeExtra)
        {
            var extra = ReadFile(Find(dataDirectory, "extra_32x32.mat"), null);
            var pixels = new byte[(long)(train.Count + extra.Count) * train.SampleSize];
            train.RawBytes.CopyTo(pixels);
            extra.RawBytes.CopyTo(pixels.AsSpan(train.RawBytes.Length));
            int[] labels = [.. train.Labels, .. extra.Labels];
            train = Dataset.FromBytes("svhn", $"{train.Source} + {extra.Source}", pixels, [3, 32, 32], labels, _classNames, isDigits: true);
        }

        var test = ReadFile(Find(dataDirectory, "test_32x32.mat"), train.Normalization);
        return (train, test);
    }

    /// <summary>Reads one SVHN <c>.mat</c> file into a dataset.</summary>
    public static Dataset ReadFile(string path, ChannelStatistics? normalization)
    {
        var arrays = MatV5Reader.Read(path);
        if (!arrays.TryGetValue("X", out var x))
        {
            throw new DataFormatException(path, "variable X", "a 32×32×3×N uint8 array named X", $"variables {Names(arrays)}", _hint);
        }

        if (!arrays.TryGetValue("y", out var y))
        {
            throw new DataFormatException(path, "variable y", "an N×1 label array named y", $"variables {Names(arrays)}", _hint);
        }

        var d = x.Dimensions;
        if (d.Length != 4 || d[0] != 32 || d[1] != 32 || d[2] != 3 || x.DataType == MatDataType.None)
        {
            throw new DataFormatException(path, "X", "a numeric 32×32×3×N array", $"{x.ClassName} {string.Join("×", d)}");
        }

        int n = d[3];
        if (y.DataType == MatDataType.None || y.Dimensions.Length != 2 || Math.Min(y.Dimensions[0], y.Dimensions[1]) != 1 || y.ElementCount != n)
        {
            throw new DataFormatException(path, "y", $"a numeric {n}×1 array (one label per image of X)", $"{y.ClassName} {string.Join("×", y.Dimensions)}");
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double v = y.GetDouble(i);
            if (v != Math.Floor(v) || v < 1 || v > 10)
            {
                throw new DataFormatException(path, $"y of sample {i}", "an integer label in 1–10 (10 = digit 0)", v.ToString(CultureInfo.InvariantCulture));
            }

            labels[i] = (int)v % 10;
        }

        return Dataset.FromBytes("svhn", path, Transpose(x, n, path), [3, 32, 32], labels, _classNames, normalization, isDigits: true);
    }

    private static byte[] Transpose(MatArray x, int n, string path)
    {
        const int Plane = 1024, Image = 3072;
        var pixels = new byte[(long)n * Image];
        var raw = x.RawBytes;
        bool bytes = x.DataType == MatDataType.UInt8;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int col = 0; col < 32; col++)
                {
                    for (int row = 0; row < 32; row++)
                    {
                        int source = (i * Image) + (c * Plane) + (col * 32) + row;
                        byte value;
                        if (bytes)
                        {
                            value = raw[source];
                        }
                        else
                        {
                            double v = x.GetDouble(source);
                            if (v != Math.Floor(v) || v < 0 || v > 255)
                            {
                                throw new DataFormatException(path, $"X at (row {row}, col {col}, channel {c}, image {i})", "an integer pixel value in 0–255", v.ToString(CultureInfo.InvariantCulture));
                            }

                            value = (byte)v;
                        }

                        pixels[(i * Image) + (c * Plane) + (row * 32) + col] = value;
                    }
                }
            }
        }

        return pixels;
    }

    private static string Find(string folder, string name)
    {
        foreach (var p in new[] { Path.Combine(folder, name), Path.Combine(folder, "svhn", name) })
        {
            if (File.Exists(p))
            {
                return p;
            }
        }

        throw new DataFormatException(folder, "file", $"{name} in {folder} or {Path.Combine(folder, "svhn")}", "no such file", _hint);
    }

    private static string Names(IReadOnlyDictionary<string, MatArray> arrays) =>
        arrays.Count == 0 ? "(none)" : string.Join(", ", arrays.Keys);
}
