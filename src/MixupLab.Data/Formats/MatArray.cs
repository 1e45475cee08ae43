using System.Buffers.Binary;

namespace MixupLab.Data.Formats;

/// <summary>One numeric array read from a MATLAB v5 file: its name, MATLAB class, dimensions and real data.</summary>
/// <remarks>MATLAB stores arrays column-major: element <c>(i0, i1, …)</c> is at
/// <c>i0 + d0·(i1 + d1·(i2 + …))</c>. The data keep the element type they were stored in
/// (<see cref="DataType"/>), which may be narrower than the class (MATLAB saves integer-valued doubles as
/// miUINT8, for instance); <see cref="GetDouble"/> converts any of them.</remarks>
public sealed class MatArray
{
    private readonly byte[] _buffer;
    private readonly int _offset;

    internal MatArray(string name, int classId, int[] dimensions, MatDataType dataType, byte[] buffer, int offset, int byteLength)
    {
        Name = name;
        ClassId = classId;
        Dimensions = dimensions;
        DataType = dataType;
        _buffer = buffer;
        _offset = offset;
        ByteLength = byteLength;
    }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>MATLAB class code (mxDOUBLE_CLASS = 6, mxSINGLE_CLASS = 7, mxUINT8_CLASS = 9, …; 1–5 are cell, struct, object, char, sparse).</summary>
    public int ClassId { get; }

    /// <summary>Dimensions (at least two).</summary>
    public int[] Dimensions { get; }

    /// <summary>The element type the real data are stored in.</summary>
    public MatDataType DataType { get; }

    /// <summary>Bytes of real data.</summary>
    public int ByteLength { get; }

    /// <summary>Number of elements (product of <see cref="Dimensions"/>).</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, b) => a * b);

    /// <summary>The raw little-endian data bytes.</summary>
    public ReadOnlySpan<byte> RawBytes => _buffer.AsSpan(_offset, ByteLength);

    /// <summary>Human-readable class name (e.g. "double", "uint8").</summary>
    public string ClassName => ClassId switch
    {
        1 => "cell",
        2 => "struct",
        3 => "object",
        4 => "char",
        5 => "sparse",
        6 => "double",
        7 => "single",
        8 => "int8",
        9 => "uint8",
        10 => "int16",
        11 => "uint16",
        12 => "int32",
        13 => "uint32",
        14 => "int64",
        15 => "uint64",
        _ => $"class {ClassId}",
    };

    /// <summary>Size in bytes of one element of type <paramref name="type"/>, or 0 when not numeric.</summary>
    public static int ElementSize(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>Element <paramref name="index"/> (column-major flat index) converted to double.</summary>
    public double GetDouble(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ElementCount);
        int size = ElementSize(DataType);
        var s = _buffer.AsSpan(_offset + (int)(index * size), size);
        return DataType switch
        {
            MatDataType.Int8 => (sbyte)s[0],
            MatDataType.UInt8 => s[0],
            MatDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            MatDataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
            MatDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            MatDataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            MatDataType.Single => BinaryPrimitives.ReadSingleLittleEndian(s),
            MatDataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(s),
            MatDataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
            MatDataType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(s),
            _ => throw new InvalidOperationException($"Array '{Name}' has non-numeric data of type {DataType}."),
        };
    }
}
