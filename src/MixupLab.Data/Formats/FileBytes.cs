using System.IO.Compression;

namespace MixupLab.Data.Formats;

/// <summary>Reads whole files, transparently decompressing gzip (detected by its magic bytes), and turns
/// decompression failures into <see cref="DataFormatException"/>.</summary>
internal static class FileBytes
{
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>The file's content, gunzipped when it starts with the gzip magic.</summary>
    public static byte[] ReadMaybeGzip(string path)
    {
        var raw = ReadAll(path);
        return IsGzip(raw) ? Gunzip(raw, path) : raw;
    }

    public static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, "file", "a readable file", e.Message, innerException: e);
        }
    }

    /// <summary>Decompresses a single-member gzip file and checks its trailer (CRC-32 and length), so that a
    /// truncated or corrupted file is an error rather than silently different data.</summary>
    public static byte[] Gunzip(byte[] compressed, string path)
    {
        byte[] data;
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(compressed.Length * 2);
            gzip.CopyTo(output);
            data = output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new DataFormatException(path, "gzip stream", "a complete, valid gzip stream", $"corrupt data ({e.Message})", innerException: e);
        }

        if (compressed.Length < 18)
        {
            throw new DataFormatException(path, "gzip stream", "at least 18 bytes (header and trailer)", $"{compressed.Length} bytes (truncated)");
        }

        uint storedCrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 8));
        uint storedSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4));
        uint size = unchecked((uint)data.LongLength);
        uint crc = Crc32.Compute(data);
        if (storedSize != size || storedCrc != crc)
        {
            throw new DataFormatException(path, "gzip trailer", $"CRC-32 0x{crc:X8} and length {size} of the decompressed data", $"CRC-32 0x{storedCrc:X8} and length {storedSize} (file truncated or corrupted)");
        }

        return data;
    }

    /// <summary>The first existing path among <paramref name="names"/> in each of <paramref name="folders"/>, or null.</summary>
    public static string? FindFirst(IEnumerable<string> folders, params string[] names)
    {
        foreach (var folder in folders)
        {
            foreach (var name in names)
            {
                var p = Path.Combine(folder, name);
                if (File.Exists(p))
                {
                    return p;
                }
            }
        }

        return null;
    }
}
