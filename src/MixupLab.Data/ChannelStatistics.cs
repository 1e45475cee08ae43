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

        double n = Math.Max(1.0, (double)dataset.Count * perChannel);
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
