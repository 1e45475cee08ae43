namespace MixupLab.Data;

/// <summary>The random choices of one sample's augmentation.</summary>
/// <param name="OffsetY">Crop offset in the padded image, rows, in [0, 2·padding].</param>
/// <param name="OffsetX">Crop offset in the padded image, columns, in [0, 2·padding].</param>
/// <param name="Flip">Whether the crop is mirrored left–right.</param>
public readonly record struct AugmentationDraw(int OffsetY, int OffsetX, bool Flip)
{
    /// <summary>The identity for <paramref name="padding"/>: centred crop, no flip.</summary>
    public static AugmentationDraw Identity(int padding) => new(padding, padding, false);
}
