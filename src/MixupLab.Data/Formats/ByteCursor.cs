using System.Buffers.Binary;

namespace MixupLab.Data.Formats;

/// <summary>A bounds-checked reader over a byte array that reports running off the end as a truncated file.</summary>
internal sealed class ByteCursor
{
    private readonly byte[] _bytes;
    private readonly int _end;

    public ByteCursor(byte[] bytes, string file, int start = 0, int end = -1)
    {
        _bytes = bytes;
        File = file;
        Position = start;
        _end = end < 0 ? bytes.Length : end;
    }

    public string File { get; }

    public int Position { get; set; }

    public int Remaining => _end - Position;

    public int End => _end;

    public byte[] Array => _bytes;

    public void Require(long count, string field)
    {
        if (count < 0 || count > Remaining)
        {
            throw new DataFormatException(File, field, $"{count} more bytes at offset {Position}", $"{Math.Max(0, Remaining)} (file truncated)");
        }
    }

    public ReadOnlySpan<byte> Take(long count, string field)
    {
        Require(count, field);
        var span = _bytes.AsSpan(Position, (int)count);
        Position += (int)count;
        return span;
    }

    public void Skip(long count, string field) => Take(count, field);

    public uint ReadUInt32BigEndian(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public uint ReadUInt32LittleEndian(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int ReadInt32LittleEndian(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ushort ReadUInt16LittleEndian(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));
}
