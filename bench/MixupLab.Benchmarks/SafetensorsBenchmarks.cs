using BenchmarkDotNet.Attributes;
using MixupLab.NN;
using MixupLab.NN.Models;
using MixupLab.NN.Serialization;

namespace MixupLab.Benchmarks;

/// <summary>Writing and reading preact-resnet18's state dict (45 MB) as safetensors.</summary>
/// <remarks><c>dotnet run -c Release --project bench/MixupLab.Benchmarks -- --filter '*SafetensorsBenchmarks*' --job short --inProcess</c></remarks>
public class SafetensorsBenchmarks
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mixuplab-bench-" + Guid.NewGuid().ToString("N") + ".safetensors");
    private TensorDictionary _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = ModelRegistry.Create(new ModelSpec("preact-resnet18", [3, 32, 32], 10, Seed: 1)).StateDict();
        Safetensors.Write(_path, _state);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Atomic write (temporary file, flush to disk, move).</summary>
    [Benchmark]
    public void Write() => Safetensors.Write(_path, _state);

    /// <summary>Read and validate.</summary>
    [Benchmark]
    public int Read() => Safetensors.Read(_path).Count;
}
