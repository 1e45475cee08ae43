using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MixupLab.Data.Formats;

/// <summary>Reads the numeric arrays of a MATLAB v5 <c>.mat</c> file (as saved by <c>save -v6</c> or <c>-v7</c>),
/// including zlib-compressed (miCOMPRESSED) elements.</summary>
/// <remarks>
/// Layout: a 128-byte header (116 bytes of text, 8 bytes subsystem offset, version 0x0100, endian
/// indicator "IM" for little-endian), then data elements. Each element has an 8-byte tag (uint32 type,
/// uint32 byte count) — or a 4-byte "small element" tag (count in the upper 16 bits) with up to 4 bytes
/// of data — and is padded to 8 bytes. An miMATRIX element holds the sub-elements array flags (class in the
/// low byte), dimensions (miINT32), name (miINT8) and the real part. Only little-endian files with real,
/// numeric arrays are read; cell, struct, char and sparse arrays are listed with no data. MATLAB v7.3 files
/// are HDF5 containers and are rejected with advice to re-save them.
/// </remarks>
public static class MatV5Reader
{
    private static readonly string _resaveHint = "Re-save it in MATLAB with save(name, '-v7') (or '-v6'), or in Python with scipy.io.savemat, which writes v5.";

    /// <summary>Reads every top-level array of the file at <paramref name="path"/>, by name.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(FileBytes.ReadAll(path), path);
    }

    /// <summary>Parses a whole v5 file held in memory; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, MatArray> Parse(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        CheckHeader(bytes, path);
        var cursor = new ByteCursor(bytes, path, 128);
        var arrays = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        int index = 0;
        while (cursor.Remaining > 0)
        {
            var field = $"data element {index} at offset {cursor.Position}";
            var (type, length) = ReadTag(cursor, field, out bool small);
            if (small)
            {
                cursor.Skip(4, field);
                index++;
                continue;
            }

            MatArray? array = null;
            if (type == MatDataType.Compressed)
            {
                cursor.Require(length, field);
                var inner = Inflate(bytes, cursor.Position, (int)length, path, field);
                cursor.Position += (int)length;
                var innerCursor = new ByteCursor(inner, $"{path} ({field}, decompressed)");
                var (innerType, innerLength) = ReadTag(innerCursor, "compressed element tag", out _);
                if (innerType == MatDataType.Matrix)
                {
                    innerCursor.Require(innerLength, "compressed matrix");
                    array = ParseMatrix(new ByteCursor(inner, innerCursor.File, innerCursor.Position, innerCursor.Position + (int)innerLength));
                }
            }
            else
            {
                cursor.Require(length, field);
                if (type == MatDataType.Matrix)
                {
                    array = ParseMatrix(new ByteCursor(bytes, path, cursor.Position, cursor.Position + (int)length));
                }

                cursor.Position += (int)length;
                cursor.Position += Math.Min(Padding(length), cursor.Remaining);
            }

            if (array is not null)
            {
                arrays[array.Name] = array;
            }

            index++;
        }

        return arrays;
    }

    private static void CheckHeader(byte[] bytes, string path)
    {
        bool hdf5 = bytes.Length >= 520 && bytes.AsSpan(512, 8).SequenceEqual("\x89HDF\r\n\x1a\n"u8);
        if (bytes.Length < 128)
        {
            throw new DataFormatException(path, "header", "a 128-byte MATLAB v5 header", $"{bytes.Length} bytes (file truncated or not a .mat file)", _resaveHint);
        }

        var text = Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd('\0', ' ');
        if (hdf5 || text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
        {
            throw new DataFormatException(path, "MAT-file version", "MATLAB v5 format (save -v6 or -v7)", "MATLAB v7.3 (an HDF5 container), which this reader does not support", _resaveHint);
        }

        if (!text.StartsWith("MATLAB", StringComparison.Ordinal))
        {
            var shown = new string(text.Take(24).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
            throw new DataFormatException(path, "header text", "text starting with \"MATLAB 5.0 MAT-file\"", $"\"{shown}\" (not a MATLAB v5 file; v4 files have no such header)", _resaveHint);
        }

        char e0 = (char)bytes[126], e1 = (char)bytes[127];
        if (e0 == 'M' && e1 == 'I')
        {
            throw new DataFormatException(path, "endian indicator", "\"IM\" (little-endian)", "\"MI\" (big-endian, not supported)", _resaveHint);
        }

        if (e0 != 'I' || e1 != 'M')
        {
            throw new DataFormatException(path, "endian indicator", "\"IM\"", $"bytes 0x{bytes[126]:X2} 0x{bytes[127]:X2}");
        }

        int version = bytes[124] | (bytes[125] << 8);
        if (version != 0x0100)
        {
            throw new DataFormatException(path, "MAT-file version", "0x0100 (MATLAB v5)", $"0x{version:X4}{(version == 0x0200 ? " (v7.3, HDF5)" : "")}", _resaveHint);
        }
    }

    private static (MatDataType Type, long Length) ReadTag(ByteCursor cursor, string field, out bool small)
    {
        uint first = cursor.ReadUInt32LittleEndian($"{field} tag");
        if ((first >> 16) != 0)
        {
            small = true;
            uint length = first >> 16;
            if (length > 4)
            {
                throw new DataFormatException(cursor.File, $"{field} tag", "a small data element of at most 4 bytes", $"{length} bytes");
            }

            return ((MatDataType)(first & 0xFFFF), length);
        }

        small = false;
        uint count = cursor.ReadUInt32LittleEndian($"{field} tag");
        return ((MatDataType)first, count);
    }

    private static int Padding(long length) => (int)((8 - (length % 8)) % 8);

    /// <summary>Reads one sub-element: its type and the range of its data; advances past data and padding.</summary>
    private static (MatDataType Type, int Offset, int Length) ReadSubElement(ByteCursor cursor, string field)
    {
        var (type, length) = ReadTag(cursor, field, out bool small);
        if (small)
        {
            int offset = cursor.Position;
            cursor.Skip(4, field);
            return (type, offset, (int)length);
        }

        cursor.Require(length, field);
        int start = cursor.Position;
        cursor.Position += (int)length;
        cursor.Position += Math.Min(Padding(length), cursor.Remaining);
        return (type, start, (int)length);
    }

    private static MatArray ParseMatrix(ByteCursor cursor)
    {
        var bytes = cursor.Array;
        var (flagsType, flagsOffset, flagsLength) = ReadSubElement(cursor, "array flags");
        if (flagsType != MatDataType.UInt32 || flagsLength != 8)
        {
            throw new DataFormatException(cursor.File, "array flags", "an 8-byte miUINT32 sub-element", $"type {(int)flagsType} with {flagsLength} bytes");
        }

        uint flags = BitConverter.ToUInt32(bytes, flagsOffset);
        int classId = (int)(flags & 0xFF);
        bool complex = (flags & 0x800) != 0;

        var (dimsType, dimsOffset, dimsLength) = ReadSubElement(cursor, "dimensions");
        if (dimsType != MatDataType.Int32 || dimsLength < 8 || dimsLength % 4 != 0)
        {
            throw new DataFormatException(cursor.File, "dimensions", "an miINT32 sub-element with at least 2 dimensions", $"type {(int)dimsType} with {dimsLength} bytes");
        }

        var dims = new int[dimsLength / 4];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = BitConverter.ToInt32(bytes, dimsOffset + (4 * i));
            if (dims[i] < 0)
            {
                throw new DataFormatException(cursor.File, $"dimension {i}", "a non-negative size", dims[i].ToString(CultureInfo.InvariantCulture));
            }

            count = Math.Min(count * dims[i], long.MaxValue / int.MaxValue);
        }

        var (nameType, nameOffset, nameLength) = ReadSubElement(cursor, "array name");
        if (nameType is not (MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8))
        {
            throw new DataFormatException(cursor.File, "array name", "an miINT8 sub-element", $"type {(int)nameType}");
        }

        var name = Encoding.ASCII.GetString(bytes, nameOffset, nameLength);
        string dimsText = string.Join("×", dims);
        if (classId is < 6 or > 15)
        {
            return new MatArray(name, classId, dims, MatDataType.None, bytes, cursor.Position, 0);
        }

        if (complex)
        {
            throw new DataFormatException(cursor.File, $"array '{name}'", "a real array", "a complex array");
        }

        var (dataType, dataOffset, dataLength) = ReadSubElement(cursor, $"data of array '{name}'");
        int size = MatArray.ElementSize(dataType);
        if (size == 0)
        {
            throw new DataFormatException(cursor.File, $"data type of array '{name}'", "a numeric type (miINT8 … miUINT64, miSINGLE, miDOUBLE)", $"type {(int)dataType}");
        }

        if (dataLength != count * size)
        {
            throw new DataFormatException(cursor.File, $"data of array '{name}'", $"{count} elements ({dimsText}) of {size} byte{(size == 1 ? "" : "s")} = {count * size} bytes", $"{dataLength} bytes");
        }

        return new MatArray(name, classId, dims, dataType, bytes, dataOffset, dataLength);
    }

    private static byte[] Inflate(byte[] buffer, int offset, int compressedLength, string path, string field)
    {
        try
        {
            using var input = new MemoryStream(buffer, offset, compressedLength, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var tag = new byte[8];
            int got = zlib.ReadAtLeast(tag, 8, throwOnEndOfStream: false);
            if (got < 8)
            {
                throw new DataFormatException(path, $"{field} (compressed)", "at least an 8-byte element tag after decompression", $"{got} bytes");
            }

            uint first = BitConverter.ToUInt32(tag, 0);
            long length = (first >> 16) != 0 ? 0 : BitConverter.ToUInt32(tag, 4);
            if (length > Array.MaxLength - 8)
            {
                throw new DataFormatException(path, $"{field} (compressed)", $"an element of at most {Array.MaxLength - 8} bytes", $"{length} bytes declared");
            }

            // The inner tag gives the exact size, so the element is decompressed into one buffer of that size.
            var inner = new byte[8 + length];
            tag.CopyTo(inner, 0);
            int read = zlib.ReadAtLeast(inner.AsSpan(8), (int)length, throwOnEndOfStream: false);
            if (read < length)
            {
                throw new DataFormatException(path, $"{field} (compressed)", $"{length} bytes of element data after decompression", $"{read} bytes (truncated)");
            }

            return inner;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new DataFormatException(path, $"{field} (compressed)", "a valid zlib stream", $"corrupt data ({e.Message})", innerException: e);
        }
    }
}
