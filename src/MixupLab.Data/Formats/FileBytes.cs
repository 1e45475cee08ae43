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

    public static byte[] Gunzip(byte[] compressed, string path)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(compressed.Length * 2);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new DataFormatException(path, "gzip stream", "a complete, valid gzip stream", $"corrupt data ({e.Message})", innerException: e);
        }
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
