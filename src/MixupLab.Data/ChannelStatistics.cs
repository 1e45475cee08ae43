namespace MixupLab.Data;

/// <summary>Per-channel mean and standard deviation of a dataset in its stored scale ([0, 1] for images).</summary>
/// <remarks>
/// The model applies <c>x̂ = (x − mean[c]) / std[c]</c> inside its input path, so datasets, attacks and ε all
/// live in pixel space. For images the channels are the C of <c>(C, H, W)</c> and the statistics pool all
/// H·W positions; for feature vectors <c>(d)</c> every feature is its own channel. The standard deviation
/// is the population one (divide by the count); a constant channel gets std 1 so that normalising never
/// divides by zero.
/// </remarks>
public sealed record ChannelStatistics(float[] Mean, float[] Std)
{
    /// <summary>Number of channels.</summary>
    public int Channels => Mean.Length;

    /// <summary>Statistics that leave data unchanged (mean 0, std 1).</summary>
    public static ChannelStatistics Identity(int channels) =>
        new(new float[channels], Enumerable.Repeat(1f, channels).ToArray());

    /// <summary>Computes the statistics of <paramref name="dataset"/> in double precision.</summary>
    public static ChannelStatistics Compute(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int channels = dataset.Channels;
        int perChannel = dataset.SampleSize / channels;
        if (dataset.StoresBytes)
        {
            return FromByteHistograms(dataset, channels, perChannel);
        }

        var sum = new double[channels];
        var sumSq = new double[channels];
        var sample = new float[dataset.SampleSize];
        for (int i = 0; i < dataset.Count; i++)
        {
            dataset.CopySample(i, sample);
            if (dataset.IsImage)
            {
                for (int c = 0; c < channels; c++)
                {
                    double s = 0, q = 0;
                    foreach (var v in sample.AsSpan(c * perChannel, perChannel))
                    {
                        s += v;
                        q += (double)v * v;
                    }

                    sum[c] += s;
                    sumSq[c] += q;
                }
            }
            else
            {
                for (int c = 0; c < channels; c++)
                {
                    sum[c] += sample[c];
                    sumSq[c] += (double)sample[c] * sample[c];
                }
            }
        }

        return Finish(sum, sumSq, (double)dataset.Count * perChannel);
    }

    /// <summary>Exact statistics of byte images from per-channel value counts (one pass, no float conversion).</summary>
    private static ChannelStatistics FromByteHistograms(Dataset dataset, int channels, int perChannel)
    {
        var counts = new long[channels * 256];
        var bytes = dataset.RawBytes;
        for (int i = 0; i < dataset.Count; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                var plane = bytes.Slice((i * dataset.SampleSize) + (c * perChannel), perChannel);
                var hist = counts.AsSpan(c * 256, 256);
                foreach (var b in plane)
                {
                    hist[b]++;
                }
            }
        }

        var sum = new double[channels];
        var sumSq = new double[channels];
        var table = Dataset.ByteToFloat;
        for (int c = 0; c < channels; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                double x = table[v];
                sum[c] += counts[(c * 256) + v] * x;
                sumSq[c] += counts[(c * 256) + v] * x * x;
            }
        }

        return Finish(sum, sumSq, (double)dataset.Count * perChannel);
    }

    private static ChannelStatistics Finish(double[] sum, double[] sumSq, double count)
    {
        int channels = sum.Length;
        double n = Math.Max(1.0, count);
        var mean = new float[channels];
        var std = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double m = sum[c] / n;
            double variance = Math.Max(0, (sumSq[c] / n) - (m * m));
            mean[c] = (float)m;
            std[c] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return new ChannelStatistics(mean, std);
    }
}
