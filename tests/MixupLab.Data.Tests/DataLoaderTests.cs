using MixupLab.Tensors;

namespace MixupLab.Data.Tests;

public class DataLoaderTests
{
    private static Dataset Images(int n)
    {
        var pixels = FormatWriters.RandomBytes(n * 3 * 8 * 8, 17);
        return Dataset.FromBytes("toy-images", "generated", pixels, [3, 8, 8], FormatWriters.RandomLabels(n, 10, 18), CifarClassNamesFor10());
    }

    private static string[] CifarClassNamesFor10() => Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    private static List<(float[] Inputs, int[] Labels, int[] Indices)> Collect(DataLoader loader, int epoch)
    {
        var result = new List<(float[], int[], int[])>();
        foreach (var batch in loader.Epoch(epoch))
        {
            result.Add((batch.Inputs.ToArray(), batch.Labels, batch.Indices));
        }

        return result;
    }

    [Fact]
    public void EveryEpochVisitsEverySampleOnceAndKeepsTheLastPartialBatch()
    {
        var data = Images(103);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 1 });
        var batches = Collect(loader, 0);
        Assert.Equal(11, batches.Count);
        Assert.Equal(11, loader.BatchCount);
        Assert.Equal(3, batches[^1].Labels.Length);
        Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(b => b.Indices).Order());
        var sample = new float[data.SampleSize];
        foreach (var (inputs, labels, indices) in batches)
        {
            for (int i = 0; i < indices.Length; i++)
            {
                Assert.Equal(data.Label(indices[i]), labels[i]);
                data.CopySample(indices[i], sample);
                Assert.Equal(sample, inputs.AsSpan(i * data.SampleSize, data.SampleSize).ToArray());
            }
        }

        var dropping = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 1, DropLast = true });
        Assert.Equal(10, Collect(dropping, 0).Count);
        Assert.Equal(10, dropping.BatchCount);
    }

    [Fact]
    public void SameSeedSameBatchesAndEpochsDiffer()
    {
        var data = Images(64);
        var options = new DataLoaderOptions { BatchSize = 16, Seed = 7, Augmentation = AugmentationOptions.Standard };
        var a = Collect(new DataLoader(data, options), 3);
        var b = Collect(new DataLoader(data, options), 3);
        Assert.Equal(a.Select(x => x.Inputs), b.Select(x => x.Inputs));
        Assert.Equal(a.Select(x => x.Indices), b.Select(x => x.Indices));
        var nextEpoch = Collect(new DataLoader(data, options), 4);
        Assert.NotEqual(a.Select(x => x.Indices), nextEpoch.Select(x => x.Indices));
        var otherSeed = Collect(new DataLoader(data, options with { Seed = 8 }), 3);
        Assert.NotEqual(a.Select(x => x.Indices), otherSeed.Select(x => x.Indices));
    }

    [Fact]
    public void ThreadCountAndPrefetchDoNotChangeTheBits()
    {
        var data = Images(50);
        var baseline = new DataLoaderOptions { BatchSize = 7, Seed = 2, Augmentation = AugmentationOptions.Standard, Threads = 1, Prefetch = false };
        var one = Collect(new DataLoader(data, baseline), 1);
        var two = Collect(new DataLoader(data, baseline with { Threads = 2, Prefetch = true }), 1);
        var four = Collect(new DataLoader(data, baseline with { Threads = 4 }), 1);
        Assert.Equal(one.Select(x => x.Inputs), two.Select(x => x.Inputs));
        Assert.Equal(one.Select(x => x.Inputs), four.Select(x => x.Inputs));
        Assert.Equal(one.Select(x => x.Indices), two.Select(x => x.Indices));
        // Changing the batch size changes the grouping, not the augmented samples themselves.
        var big = Collect(new DataLoader(data, baseline with { BatchSize = 50 }), 1);
        Assert.Equal(one.SelectMany(x => x.Inputs), big.Single().Inputs);
    }

    [Fact]
    public void AugmentedBatchMatchesPerSampleAugmentation()
    {
        var data = Images(20);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 20, Seed = 5, Augmentation = AugmentationOptions.Standard });
        var batch = Collect(loader, 2).Single();
        var order = loader.Order(2);
        var rng = ImageAugmentation.EpochStream(5, 2);
        var sample = new float[data.SampleSize];
        var cropped = new float[data.SampleSize];
        var expected = new float[data.SampleSize];
        for (int i = 0; i < 20; i++)
        {
            var draw = ImageAugmentation.Draw(AugmentationOptions.Standard, rng);
            data.CopySample(order[i], sample);
            ImageAugmentation.Crop(sample, cropped, 3, 8, 8, 4, draw.OffsetY, draw.OffsetX);
            if (draw.Flip)
            {
                ImageAugmentation.Flip(cropped, expected, 3, 8, 8);
            }
            else
            {
                cropped.CopyTo(expected, 0);
            }

            Assert.Equal(expected, batch.Inputs.AsSpan(i * data.SampleSize, data.SampleSize).ToArray());
        }
    }

    [Fact]
    public void PrefetchPreparesTheNextBatchWhileTheCurrentIsInUse()
    {
        var data = Images(40);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 1 });
        var built = new System.Collections.Concurrent.ConcurrentQueue<int>();
        loader.BeforeBatch = built.Enqueue;
        using var e = loader.Epoch(0).GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal(0, e.Current.Index);
        SpinWait.SpinUntil(() => built.Count == 2, TimeSpan.FromSeconds(10));
        Assert.Equal([0, 1], built.ToArray());
        var first = e.Current.Inputs;
        Assert.True(e.MoveNext());
        Assert.True(first.IsDisposed);
        Assert.Equal(1, e.Current.Index);
    }

    [Fact]
    public void BackgroundFailureSurfacesInTheConsumerAndLeaksNothing()
    {
        var data = Images(40);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 1 });
        loader.BeforeBatch = i =>
        {
            if (i == 2)
            {
                throw new InvalidDataException("disk went away");
            }
        };
        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in loader.Epoch(0))
            {
                seen.Add(batch.Index);
            }
        });
        Assert.Equal("disk went away", e.Message);
        Assert.Equal([0, 1], seen);
    }

    [Fact]
    public void KeptInputsSurviveAnEarlyExitFromTheEpoch()
    {
        var data = Images(40);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 1 });
        Tensor? kept = null;
        Tensor? current = null;
        foreach (var batch in loader.Epoch(0))
        {
            kept = batch.KeepInputs();
            current = batch.Inputs;
            break;
        }

        Assert.False(kept!.IsDisposed);
        kept.Dispose();
        Assert.Same(kept, current);
    }

    [Fact]
    public void FeatureVectorsBatchAsRows()
    {
        var d = Dataset.FromFloats("f", "t", Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), [2], [0, 1, 0, 1, 0], ["a", "b"]);
        var loader = new DataLoader(d, new DataLoaderOptions { BatchSize = 2, Shuffle = false });
        var batches = Collect(loader, 0);
        Assert.Equal([0f, 1f, 2f, 3f], batches[0].Inputs);
        Assert.Equal([8f, 9f], batches[2].Inputs);
        Assert.Throws<ArgumentException>(() => new DataLoader(d, new DataLoaderOptions { Augmentation = AugmentationOptions.Standard }));
    }

    [Fact]
    public void BatchTensorsAreNotCapturedByTheConsumersScope()
    {
        var data = Images(20);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Prefetch = false });
        using var e = loader.Epoch(0).GetEnumerator();
        Tensor inputs;
        using (new TensorScope())
        {
            Assert.True(e.MoveNext());
            inputs = e.Current.Inputs;
        }

        Assert.False(inputs.IsDisposed);
    }
}
