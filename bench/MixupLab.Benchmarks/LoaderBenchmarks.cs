using BenchmarkDotNet.Attributes;
using MixupLab.Data;
using MixupLab.Data.Formats;
using MixupLab.Tensors;

namespace MixupLab.Benchmarks;

/// <summary>Data loader throughput: one full epoch of Fashion-MNIST (real files, when installed) and of
/// CIFAR-10-format data (generated .bin files read by <see cref="CifarReader"/>), batch 128.</summary>
/// <remarks>Each benchmark operation is one image (<c>OperationsPerInvoke</c> = epoch size), so images per second
/// = 1 / mean. Run in process (no generated project to build, which times out on a loaded machine):
/// <c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*LoaderBenchmarks*' --inProcess --warmupCount 1 --iterationCount 5</c>.</remarks>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    internal const int CifarImages = 50_000;
    internal const int FashionImages = 60_000;

    private Dataset? _fashion;
    private Dataset _cifar = null!;
    private string _folder = null!;
    private int _epoch;

    /// <summary>Threads filling each batch.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Whether the next batch is prepared in the background.</summary>
    [Params(true, false)]
    public bool Prefetch { get; set; }

    /// <summary>Reads Fashion-MNIST and writes then reads 50,000 random CIFAR-10-format images.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Directory.Exists(MnistFamily.DebianFashionMnistFolder))
        {
            _fashion = MnistFamily.Load("fashion-mnist", null).Train;
        }

        _folder = Path.Combine(Path.GetTempPath(), "mixuplab-loader-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var rng = new RandomSource(1);
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        foreach (var name in names)
        {
            var bytes = new byte[10_000 * 3073];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)rng.NextInt(256);
            }

            for (int r = 0; r < 10_000; r++)
            {
                bytes[r * 3073] = (byte)(r % 10);
            }

            File.WriteAllBytes(Path.Combine(_folder, name), bytes);
        }

        _cifar = CifarReader.LoadCifar10(_folder).Train;
    }

    /// <summary>Deletes the generated files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>One shuffled Fashion-MNIST epoch (no augmentation: digits-like).</summary>
    [Benchmark(OperationsPerInvoke = FashionImages)]
    public float FashionMnistEpoch()
    {
        if (_fashion is null)
        {
            throw new InvalidOperationException($"{MnistFamily.DebianFashionMnistFolder} is absent: install Debian's dataset-fashion-mnist.");
        }

        return Epoch(_fashion, AugmentationOptions.None);
    }

    /// <summary>One shuffled CIFAR-10 epoch with random crop (padding 4) and flip.</summary>
    [Benchmark(OperationsPerInvoke = CifarImages)]
    public float CifarAugmentedEpoch() => Epoch(_cifar, AugmentationOptions.Standard);

    /// <summary>One shuffled CIFAR-10 epoch without augmentation.</summary>
    [Benchmark(OperationsPerInvoke = CifarImages)]
    public float CifarPlainEpoch() => Epoch(_cifar, AugmentationOptions.None);

    private float Epoch(Dataset data, AugmentationOptions augmentation)
    {
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 128, Seed = 1, Augmentation = augmentation, Threads = Threads, Prefetch = Prefetch });
        float checksum = 0;
        foreach (var batch in loader.Epoch(_epoch++))
        {
            checksum += batch.Inputs[0];
        }

        return checksum;
    }
}
