using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

/// <summary>Writers for the published formats, used to generate test fixtures that the readers must round-trip.</summary>
public static class FormatWriters
{
    public static byte[] RandomBytes(int length, ulong seed)
    {
        var rng = new RandomSource(seed);
        var b = new byte[length];
        for (int i = 0; i < length; i++)
        {
            b[i] = (byte)rng.NextInt(256);
        }

        return b;
    }

    public static int[] RandomLabels(int n, int classes, ulong seed)
    {
        var rng = new RandomSource(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextInt(classes)).ToArray();
    }

    public static byte[] Idx(int[] dims, byte[] data)
    {
        var b = new byte[4 + (4 * dims.Length) + data.Length];
        b[2] = 0x08;
        b[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4 + (4 * i)), (uint)dims[i]);
        }

        data.CopyTo(b, 4 + (4 * dims.Length));
        return b;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>Writes an MNIST-style folder: train/t10k images and labels.</summary>
    public static void WriteMnistFolder(string folder, byte[] trainPixels, byte[] trainLabels, byte[] testPixels, byte[] testLabels, bool gzip, int side = 28)
    {
        void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder, gzip ? name + ".gz" : name), gzip ? Gzip(bytes) : bytes);
        Write("train-images-idx3-ubyte", Idx([trainLabels.Length, side, side], trainPixels));
        Write("train-labels-idx1-ubyte", Idx([trainLabels.Length], trainLabels));
        Write("t10k-images-idx3-ubyte", Idx([testLabels.Length, side, side], testPixels));
        Write("t10k-labels-idx1-ubyte", Idx([testLabels.Length], testLabels));
    }

    /// <summary>CIFAR records: label byte(s) then 3072 pixel bytes.</summary>
    public static byte[] CifarRecords(byte[] pixels, int[][] labelColumns)
    {
        int n = labelColumns[0].Length;
        int record = labelColumns.Length + 3072;
        var b = new byte[n * record];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < labelColumns.Length; k++)
            {
                b[(i * record) + k] = (byte)labelColumns[k][i];
            }

            pixels.AsSpan(i * 3072, 3072).CopyTo(b.AsSpan((i * record) + labelColumns.Length));
        }

        return b;
    }

    public static void WriteTarGz(string path, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Pax);
        var dirs = new HashSet<string>();
        foreach (var (name, bytes) in entries)
        {
            var dir = Path.GetDirectoryName(name);
            if (!string.IsNullOrEmpty(dir) && dirs.Add(dir))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/"));
            }

            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
            tar.WriteEntry(entry);
        }
    }

    /// <summary>A MATLAB v5 variable: class id, storage type, dimensions and little-endian data bytes.</summary>
    public sealed record MatVariable(string Name, int ClassId, int StorageType, int[] Dims, byte[] Data);

    public static MatVariable MatUInt8(string name, int[] dims, byte[] data) => new(name, 9, 2, dims, data);

    public static MatVariable MatDouble(string name, int[] dims, double[] values)
    {
        var b = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), values[i]);
        }

        return new(name, 6, 9, dims, b);
    }

    /// <summary>A double-class array stored as miUINT8, as MATLAB does for small integer-valued doubles.</summary>
    public static MatVariable MatDoubleAsUInt8(string name, int[] dims, byte[] values) => new(name, 6, 2, dims, values);

    public static byte[] MatHeader(string text = "MATLAB 5.0 MAT-file, Platform: MixupLab tests", ushort version = 0x0100, string endian = "IM")
    {
        var h = new byte[128];
        var t = Encoding.ASCII.GetBytes(text.PadRight(116));
        t.AsSpan(0, 116).CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(124), version);
        h[126] = (byte)endian[0];
        h[127] = (byte)endian[1];
        return h;
    }

    public static byte[] Mat(IEnumerable<MatVariable> variables, bool compressed)
    {
        using var ms = new MemoryStream();
        ms.Write(MatHeader());
        foreach (var v in variables)
        {
            var element = MatrixElement(v);
            if (compressed)
            {
                using var z = new MemoryStream();
                using (var zs = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zs.Write(element);
                }

                WriteTag(ms, 15, (int)z.Length);
                ms.Write(z.ToArray());
            }
            else
            {
                ms.Write(element);
            }
        }

        return ms.ToArray();
    }

    private static byte[] MatrixElement(MatVariable v)
    {
        using var body = new MemoryStream();
        var flags = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, (uint)v.ClassId);
        WriteSub(body, 6, flags);
        var dims = new byte[4 * v.Dims.Length];
        for (int i = 0; i < v.Dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(dims.AsSpan(4 * i), v.Dims[i]);
        }

        WriteSub(body, 5, dims);
        WriteSub(body, 1, Encoding.ASCII.GetBytes(v.Name));
        WriteSub(body, v.StorageType, v.Data);
        using var element = new MemoryStream();
        WriteTag(element, 14, (int)body.Length);
        element.Write(body.ToArray());
        return element.ToArray();
    }

    private static void WriteSub(MemoryStream s, int type, byte[] data)
    {
        if (data.Length <= 4)
        {
            // Small data element format: byte count in the upper 16 bits of the type word.
            var small = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(small, ((uint)data.Length << 16) | (uint)type);
            data.CopyTo(small, 4);
            s.Write(small);
            return;
        }

        WriteTag(s, type, data.Length);
        s.Write(data);
        s.Write(new byte[(8 - (data.Length % 8)) % 8]);
    }

    private static void WriteTag(Stream s, int type, int length)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), (uint)length);
        s.Write(tag);
    }

    /// <summary>SVHN's X layout: 32×32×3×N column-major from (N, C, H, W) row-major pixels.</summary>
    public static byte[] SvhnColumnMajor(byte[] pixels, int n)
    {
        var x = new byte[pixels.Length];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int row = 0; row < 32; row++)
                {
                    for (int col = 0; col < 32; col++)
                    {
                        x[row + (32 * col) + (1024 * c) + (3072 * i)] = pixels[(i * 3072) + (c * 1024) + (row * 32) + col];
                    }
                }
            }
        }

        return x;
    }
}
