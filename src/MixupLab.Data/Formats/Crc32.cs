namespace MixupLab.Data.Formats;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as stored in gzip trailers.</summary>
/// <remarks>Written here rather than taken from System.IO.Hashing because that package is not in the offline
/// package folder the build restores from; a table-driven loop is all the gzip check needs.</remarks>
internal static class Crc32
{
    private static readonly uint[] _table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        var table = _table;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
