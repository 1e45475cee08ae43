namespace MixupLab.Data.Formats;

/// <summary>MATLAB v5 data element types (the <c>mi*</c> codes of a tag).</summary>
public enum MatDataType
{
    /// <summary>Not a valid type.</summary>
    None = 0,

    /// <summary>miINT8.</summary>
    Int8 = 1,

    /// <summary>miUINT8.</summary>
    UInt8 = 2,

    /// <summary>miINT16.</summary>
    Int16 = 3,

    /// <summary>miUINT16.</summary>
    UInt16 = 4,

    /// <summary>miINT32.</summary>
    Int32 = 5,

    /// <summary>miUINT32.</summary>
    UInt32 = 6,

    /// <summary>miSINGLE.</summary>
    Single = 7,

    /// <summary>miDOUBLE.</summary>
    Double = 9,

    /// <summary>miINT64.</summary>
    Int64 = 12,

    /// <summary>miUINT64.</summary>
    UInt64 = 13,

    /// <summary>miMATRIX: an array with flags, dimensions, name and data.</summary>
    Matrix = 14,

    /// <summary>miCOMPRESSED: a zlib stream holding one element.</summary>
    Compressed = 15,

    /// <summary>miUTF8.</summary>
    Utf8 = 16,

    /// <summary>miUTF16.</summary>
    Utf16 = 17,

    /// <summary>miUTF32.</summary>
    Utf32 = 18,
}
