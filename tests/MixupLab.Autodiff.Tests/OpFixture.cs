using System.Text.Json;
using MixupLab.Tensors;

namespace MixupLab.Autodiff.Tests;

/// <summary>One PyTorch golden op case from tests/fixtures/pytorch: the safetensors tensors and the JSON description.</summary>
internal sealed class OpFixture
{
    private readonly Dictionary<string, Tensor> _tensors;

    private OpFixture(Dictionary<string, Tensor> tensors, JsonElement meta)
    {
        _tensors = tensors;
        Meta = meta;
    }

    public JsonElement Meta { get; }

    public Tensor this[string name] => _tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"Fixture has no tensor '{name}'.");

    public string[] Inputs => Meta.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public int[] Labels => Meta.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static OpFixture Load(string caseName)
    {
        var dir = FixtureDirectory();
        var bytes = File.ReadAllBytes(Path.Combine(dir, caseName + ".safetensors"));
        long headerLength = BitConverter.ToInt64(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        int dataStart = 8 + (int)headerLength;
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                continue;
            }

            Assert.Equal("F32", entry.Value.GetProperty("dtype").GetString());
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            Buffer.BlockCopy(bytes, dataStart + offsets[0], values, 0, offsets[1] - offsets[0]);
            tensors[entry.Name] = TensorScope.Untracked(() => Tensor.FromArray(values, shape));
        }

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, caseName + ".json")));
        return new OpFixture(tensors, meta.RootElement.Clone());
    }

    private static string FixtureDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "fixtures", "pytorch");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/pytorch not found above " + AppContext.BaseDirectory);
    }
}
