using System.Text.Json;
using MixupLab.NN;
using MixupLab.NN.Serialization;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>One PyTorch golden case: <c>fixtures/pytorch/NAME.safetensors</c> (tensors) and <c>NAME.json</c>
/// (what the case is). Made by <c>tools/make_fixtures.py</c>; see <c>tests/fixtures/pytorch/README.md</c>.</summary>
internal sealed class GoldenFixture
{
    private GoldenFixture(string name, TensorDictionary tensors, JsonElement info)
    {
        Name = name;
        Tensors = tensors;
        Info = info;
    }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "pytorch");

    public string Name { get; }

    public TensorDictionary Tensors { get; }

    public JsonElement Info { get; }

    public Tensor this[string key] => Tensors.TryGetValue(key, out var t)
        ? t
        : throw new KeyNotFoundException($"Fixture {Name} has no tensor '{key}'.");

    public static GoldenFixture Load(string name)
    {
        string stem = Path.Combine(Directory, name);
        var tensors = TensorScope.Untracked(() => Safetensors.Read(stem + ".safetensors"));
        using var doc = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        return new GoldenFixture(name, tensors, doc.RootElement.Clone());
    }

    public static IEnumerable<string> Names(string prefix) =>
        System.IO.Directory.EnumerateFiles(Directory, prefix + "*.json")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal);

    public bool Has(string key) => Tensors.ContainsKey(key);

    public int[] IntArray(string property) =>
        Info.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public int[][] IntMatrix(string property) =>
        Info.GetProperty(property).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();

    public string[] StringArray(string property) =>
        Info.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public JsonElement Params => Info.GetProperty("params");
}
