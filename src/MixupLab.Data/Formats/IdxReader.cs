namespace MixupLab.Data.Formats;

/// <summary>Reads IDX files (the MNIST family's format), gzip-compressed or not.</summary>
/// <remarks>
/// Layout: magic <c>00 00 08 nd</c> (0x08 = unsigned byte, nd = number of dimensions), then nd big-endian
/// uint32 sizes, then the bytes in row-major order. Images are <c>idx3</c> (N, H, W); labels <c>idx1</c> (N).
/// A file longer or shorter than its header declares is an error.
/// </remarks>
public static class IdxReader
{
    /// <summary>Reads an <c>idx3-ubyte</c> image file: returns the pixels (N·H·W bytes) and (N, H, W).</summary>
    public static (byte[] Pixels, int Count, int Height, int Width) ReadImages(string path)
    {
        var (data, dims) = Read(path, 3, "image");
        return (data, dims[0], dims[1], dims[2]);
    }

    /// <summary>Reads an <c>idx1-ubyte</c> label file.</summary>
    public static byte[] ReadLabels(string path) => Read(path, 1, "label").Data;

    /// <summary>Reads an unsigned-byte IDX file with <paramref name="expectedDims"/> dimensions.</summary>
    public static (byte[] Data, int[] Dims) Read(string path, int expectedDims, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = FileBytes.ReadMaybeGzip(path);
        var cursor = new ByteCursor(bytes, path);
        uint magic = cursor.ReadUInt32BigEndian("magic number");
        uint expectedMagic = 0x0800u + (uint)expectedDims;
        if (magic != expectedMagic)
        {
            throw new DataFormatException(path, "magic number", $"0x{expectedMagic:X8} (IDX unsigned-byte {kind} file with {expectedDims} dimension{(expectedDims == 1 ? "" : "s")})", $"0x{magic:X8}");
        }

        var dims = new int[expectedDims];
        long total = 1;
        for (int i = 0; i < expectedDims; i++)
        {
            uint d = cursor.ReadUInt32BigEndian($"size of dimension {i}");
            if (d > int.MaxValue)
            {
                throw new DataFormatException(path, $"size of dimension {i}", "at most 2^31 − 1", d.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            dims[i] = (int)d;
            total *= d;
            if (total > Array.MaxLength)
            {
                throw new DataFormatException(path, "header sizes", $"at most {Array.MaxLength} data bytes", $"sizes ({string.Join(", ", dims.Take(i + 1))}) declaring {total}");
            }
        }

        if (total != cursor.Remaining)
        {
            throw new DataFormatException(path, "data length", $"{total} bytes for sizes ({string.Join(", ", dims)})", $"{cursor.Remaining} bytes{(total > cursor.Remaining ? " (file truncated)" : " (trailing bytes)")}");
        }

        return (cursor.Take(total, "data").ToArray(), dims);
    }
}
