using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class AugmentationTests
{
    private static float[] Image(int c, int h, int w, ulong seed)
    {
        var x = new float[c * h * w];
        new RandomSource(seed).FillUniform(x);
        return x;
    }

    [Fact]
    public void FlipTwiceIsIdentity()
    {
        var x = Image(3, 5, 7, 1);
        var once = new float[x.Length];
        var twice = new float[x.Length];
        ImageAugmentation.Flip(x, once, 3, 5, 7);
        ImageAugmentation.Flip(once, twice, 3, 5, 7);
        Assert.NotEqual(x, once);
        Assert.Equal(x, twice);
        Assert.Equal(x[(1 * 35) + (2 * 7) + 0], once[(1 * 35) + (2 * 7) + 6]);
    }

    [Fact]
    public void CentredCropIsIdentityAndShiftsFillWithZeros()
    {
        var x = Image(2, 6, 6, 2);
        var y = new float[x.Length];
        ImageAugmentation.Crop(x, y, 2, 6, 6, 4, 4, 4);
        Assert.Equal(x, y);
        // Offset (0, 8) with padding 4: rows shift down by 4, columns shift left by 4.
        ImageAugmentation.Crop(x, y, 2, 6, 6, 4, 0, 8);
        Assert.Equal(x.Length, y.Length);
        Assert.Equal(0f, y[(0 * 6) + 0]);
        Assert.Equal(x[(0 * 6) + 4], y[(4 * 6) + 0]);
        Assert.Equal(0f, y[(4 * 6) + 2]);
        int zeros = y.Count(v => v == 0);
        Assert.Equal(2 * ((6 * 6) - (2 * 2)), zeros);
    }

    [Fact]
    public void FusedByteApplyEqualsCropThenFlip()
    {
        var rng = new RandomSource(4);
        var bytes = FormatWriters.RandomBytes(3 * 8 * 8, 3);
        var asFloat = bytes.Select(b => b / 255f).ToArray();
        for (int t = 0; t < 50; t++)
        {
            var draw = ImageAugmentation.Draw(AugmentationOptions.Standard, rng);
            Assert.InRange(draw.OffsetX, 0, 8);
            Assert.InRange(draw.OffsetY, 0, 8);
            var cropped = new float[asFloat.Length];
            ImageAugmentation.Crop(asFloat, cropped, 3, 8, 8, 4, draw.OffsetY, draw.OffsetX);
            var expected = cropped;
            if (draw.Flip)
            {
                expected = new float[asFloat.Length];
                ImageAugmentation.Flip(cropped, expected, 3, 8, 8);
            }

            var fused = new float[asFloat.Length];
            ImageAugmentation.Apply(bytes, fused, 3, 8, 8, 4, draw);
            Assert.Equal(expected, fused);
            var fusedFloat = new float[asFloat.Length];
            ImageAugmentation.Apply(asFloat, fusedFloat, 3, 8, 8, 4, draw);
            Assert.Equal(expected, fusedFloat);
        }
    }

    [Fact]
    public void DrawsCoverAllOffsetsAndBothFlips()
    {
        var rng = ImageAugmentation.EpochStream(1, 0);
        var draws = Enumerable.Range(0, 2000).Select(_ => ImageAugmentation.Draw(AugmentationOptions.Standard, rng)).ToArray();
        Assert.Equal(9, draws.Select(d => d.OffsetX).Distinct().Count());
        Assert.Equal(9, draws.Select(d => d.OffsetY).Distinct().Count());
        Assert.InRange(draws.Count(d => d.Flip), 900, 1100);
        var other = ImageAugmentation.EpochStream(1, 1);
        Assert.NotEqual(draws.Take(20), Enumerable.Range(0, 20).Select(_ => ImageAugmentation.Draw(AugmentationOptions.Standard, other)));
    }

    [Fact]
    public void DigitsAndFeaturesGetNoAugmentationByDefault()
    {
        var digits = Dataset.FromBytes("mnist", "t", new byte[784], [1, 28, 28], [0], ["0"], isDigits: true);
        var features = Dataset.FromFloats("f", "t", [1f, 2f], [2], [0], ["0"]);
        Assert.False(AugmentationOptions.DefaultFor(digits).Enabled);
        Assert.False(AugmentationOptions.DefaultFor(features).Enabled);
    }
}
