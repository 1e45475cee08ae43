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

    [Theory]
    [InlineData(3, 8, 8, 4)]
    [InlineData(3, 32, 32, 4)]
    [InlineData(1, 5, 28, 4)]
    [InlineData(2, 3, 3, 5)]
    public void FusedApplyEqualsCropThenFlip(int c, int h, int w, int padding)
    {
        var options = new AugmentationOptions(true, true, padding);
        var rng = new RandomSource(4);
        var bytes = FormatWriters.RandomBytes(c * h * w, 3);
        var asFloat = bytes.Select(b => b / 255f).ToArray();
        for (int t = 0; t < 60; t++)
        {
            var draw = ImageAugmentation.Draw(options, rng);
            Assert.InRange(draw.OffsetX, 0, 2 * padding);
            Assert.InRange(draw.OffsetY, 0, 2 * padding);
            var cropped = new float[asFloat.Length];
            ImageAugmentation.Crop(asFloat, cropped, c, h, w, padding, draw.OffsetY, draw.OffsetX);
            var expected = cropped;
            if (draw.Flip)
            {
                expected = new float[asFloat.Length];
                ImageAugmentation.Flip(cropped, expected, c, h, w);
            }

            var fused = new float[asFloat.Length];
            fused.AsSpan().Fill(float.NaN);
            ImageAugmentation.Apply(bytes, fused, c, h, w, padding, draw);
            Assert.Equal(expected, fused);
            var fusedFloat = new float[asFloat.Length];
            fusedFloat.AsSpan().Fill(float.NaN);
            ImageAugmentation.Apply(asFloat, fusedFloat, c, h, w, padding, draw);
            Assert.Equal(expected, fusedFloat);
        }
    }

    [Fact]
    public void VectorisedByteConversionIsExactForEveryValueAndLength()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var converted = new float[256];
        Dataset.ConvertBytes(all, converted);
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(b / 255f), BitConverter.SingleToInt32Bits(converted[b]));
        }

        for (int n = 0; n <= 70; n++)
        {
            var src = FormatWriters.RandomBytes(n, (ulong)n);
            var dst = new float[n + 3];
            Dataset.ConvertBytes(src, dst);
            Assert.Equal(src.Select(b => b / 255f), dst[..n]);
            Assert.Equal([0f, 0f, 0f], dst[n..]);
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
