using System.Buffers.Binary;
using System.Text.Json;
using MixupLab.Tensors;

namespace MixupLab.Autodiff.Tests;

/// <summary>Reads a float32 safetensors fixture from tests/fixtures/pytorch (format: 8-byte little-endian
/// header length, a JSON header of dtype/shape/data_offsets, then the raw data).</summary>
internal sealed class PyTorchFixture
{
    private readonly Dictionary<string, Tensor> _tensors = [];

    private PyTorchFixture(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        int dataStart = 8 + headerLength;
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__" || entry.Value.GetProperty("dtype").GetString() != "F32")
            {
                continue;
            }

            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + offsets[0] + (4 * i), 4));
            }

            _tensors[entry.Name] = Tensor.FromArray(values, shape);
        }
    }

    public Tensor this[string name] => _tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"Fixture has no tensor '{name}'.");

    public static PyTorchFixture Load(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "tests", "fixtures", "pytorch")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir is null
            ? throw new DirectoryNotFoundException("tests/fixtures/pytorch not found above " + AppContext.BaseDirectory)
            : new PyTorchFixture(Path.Combine(dir, "tests", "fixtures", "pytorch", name + ".safetensors"));
    }
}
