using MixupLab.Tensors;

namespace MixupLab.Research.Mixup;

/// <summary>The pasted rectangle of CutMix: rows [Top, Bottom) and columns [Left, Right) of an H×W image.</summary>
/// <param name="Top">First row of the box.</param>
/// <param name="Bottom">One past the last row.</param>
/// <param name="Left">First column.</param>
/// <param name="Right">One past the last column.</param>
public readonly record struct CutMixBox(int Top, int Bottom, int Left, int Right)
{
    /// <summary>Number of pixels in the box.</summary>
    public int Area => (Bottom - Top) * (Right - Left);

    /// <summary>A box whose unclipped area is (1−λ)·H·W at a uniformly random centre, clipped to the image
    /// (the CutMix paper's construction: side lengths H√(1−λ) and W√(1−λ)).</summary>
    public static CutMixBox Sample(RandomSource rng, int height, int width, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        double cut = Math.Sqrt(1 - lambda);
        int boxH = (int)(height * cut), boxW = (int)(width * cut);
        int cy = rng.NextInt(height), cx = rng.NextInt(width);
        return new CutMixBox(
            Math.Clamp(cy - (boxH / 2), 0, height),
            Math.Clamp(cy + (boxH / 2), 0, height),
            Math.Clamp(cx - (boxW / 2), 0, width),
            Math.Clamp(cx + (boxW / 2), 0, width));
    }

    /// <summary>The λ the targets must use: the fraction of the image that is not pasted, 1 − area/(H·W).</summary>
    public double CorrectedLambda(int height, int width) => 1.0 - ((double)Area / (height * width));

    /// <summary>Images (N, C, H, W) with the box of each partner pasted into each example.</summary>
    public Tensor Apply(Tensor images, int[] partners)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(partners);
        if (images.Rank != 4 || partners.Length != images.Dim(0))
        {
            throw new ArgumentException($"CutMix needs images (N, C, H, W) and N partners; got {ShapeHelper.Format(images.Shape)} and {partners.Length} partners.", nameof(images));
        }

        int n = images.Dim(0), c = images.Dim(1), h = images.Dim(2), w = images.Dim(3);
        var result = images.Clone();
        var src = images.Span;
        var dst = result.Span;
        for (int i = 0; i < n; i++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int y = Top; y < Bottom; y++)
                {
                    int rowOffset = (((ch * h) + y) * w) + Left;
                    src.Slice((partners[i] * c * h * w) + rowOffset, Right - Left).CopyTo(dst.Slice((i * c * h * w) + rowOffset, Right - Left));
                }
            }
        }

        return result;
    }
}
