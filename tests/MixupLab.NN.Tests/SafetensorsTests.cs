using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MixupLab.NN.Serialization;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mixuplab-st-" + Guid.NewGuid().ToString("N"));

    public SafetensorsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TensorDictionary Sample()
    {
        var d = new TensorDictionary();
        d.Add("layer.weight", Tensor.FromArray([1.5f, -2f, 3.25f, float.Epsilon, -0f, 1e30f], 2, 3));
        d.Add("bn.num_batches_tracked", Tensor.Scalar(12345), TensorDType.Int64);
        d.Add("empty", Tensor.Zeros(0, 4));
        d.Metadata["format"] = "pt";
        return d;
    }

    [Fact]
    public void RoundTripKeepsValuesShapesTypesOrderAndMetadata()
    {
        string path = Path.Combine(_dir, "a.safetensors");
        Safetensors.Write(path, Sample());
        var r = Safetensors.Read(path);
        Assert.Equal(["layer.weight", "bn.num_batches_tracked", "empty"], r.Keys);
        Assert.Equal(Sample()["layer.weight"].ToArray(), r["layer.weight"].ToArray());
        Assert.Equal([2, 3], r["layer.weight"].Shape);
        Assert.Empty(r["bn.num_batches_tracked"].Shape);
        Assert.Equal(12345f, r["bn.num_batches_tracked"].ToScalar());
        Assert.Equal(TensorDType.Int64, r.DType("bn.num_batches_tracked"));
        Assert.Equal(TensorDType.Float32, r.DType("layer.weight"));
        Assert.Equal([0, 4], r["empty"].Shape);
        Assert.Equal("pt", r.Metadata["format"]);
    }

    [Fact]
    public void LayoutIsTheSafetensorsFormat()
    {
        string path = Path.Combine(_dir, "b.safetensors");
        Safetensors.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        var w = doc.RootElement.GetProperty("layer.weight");
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal([0L, 24L], w.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        var c = doc.RootElement.GetProperty("bn.num_batches_tracked");
        Assert.Equal("I64", c.GetProperty("dtype").GetString());
        Assert.Equal(0, c.GetProperty("shape").GetArrayLength());
        Assert.Equal([24L, 32L], c.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("pt", doc.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        int data = 8 + (int)n;
        Assert.Equal(data + 32, bytes.Length);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data)));
        Assert.Equal(12345L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(data + 24)));
    }

    [Fact]
    public void ReadsAFileWrittenByHandLikePythonsSafetensors()
    {
        // The header python's safetensors writes for {"b": int64 [2], "a": float32 [1]} (sorted by dtype size, then name).
        string header = "{\"b\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + 20];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + h.Length), 3);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16 + h.Length), -4);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(24 + h.Length), 0.25f);
        string path = Path.Combine(_dir, "py.safetensors");
        File.WriteAllBytes(path, bytes);
        var r = Safetensors.Read(path);
        Assert.Equal([3f, -4f], r["b"].ToArray());
        Assert.Equal([0.25f], r["a"].ToArray());
    }

    [Fact]
    public void WriteOverwritesAtomicallyAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "c.safetensors");
        Safetensors.Write(path, Sample());
        var d = new TensorDictionary();
        d.Add("x", Tensor.Full(2f, 3));
        Safetensors.Write(path, d);
        Assert.Equal(["x"], Safetensors.Read(path).Keys);
        Assert.Equal(["c.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void FailedWriteKeepsTheOldFile()
    {
        string path = Path.Combine(_dir, "d.safetensors");
        Safetensors.Write(path, Sample());
        var before = File.ReadAllBytes(path);
        var bad = new TensorDictionary();
        bad.Add("ok", Tensor.Zeros(1000));
        bad.Add("count", Tensor.Scalar(0.5f), TensorDType.Int64);
        var e = Assert.Throws<ArgumentException>(() => Safetensors.Write(path, bad));
        Assert.Contains("'count'", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    private InvalidDataException Corrupt(byte[] bytes)
    {
        string path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    private static byte[] WithHeader(string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void TruncatedFilesAreNamed()
    {
        string path = Path.Combine(_dir, "full.safetensors");
        Safetensors.Write(path, Sample());
        var full = File.ReadAllBytes(path);
        Assert.Contains("fewer than the 8-byte", Corrupt(full[..5]).Message);
        Assert.Contains("truncated", Corrupt(full[..20]).Message);
        var e = Corrupt(full[..^4]);
        Assert.Contains("bn.num_batches_tracked", e.Message);
    }

    [Fact]
    public void BadJsonIsReported()
    {
        Assert.Contains("not valid JSON", Corrupt(WithHeader("{\"a\": {\"dtype\": ", 0)).Message);
        Assert.Contains("not an object", Corrupt(WithHeader("[1, 2]", 0)).Message);
    }

    [Fact]
    public void OffsetsOutOfRangeNameTheTensor()
    {
        var e = Corrupt(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("beyond", e.Message);
    }

    [Fact]
    public void SizeMismatchNamesTheTensor()
    {
        var e = Corrupt(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("needs 12 bytes", e.Message);
    }

    [Fact]
    public void OverlapsAndGapsAreRejected()
    {
        var overlap = Corrupt(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        Assert.Contains("overlaps", overlap.Message);
        var gap = Corrupt(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        Assert.Contains("'a'", gap.Message);
        Assert.Contains("gap", gap.Message);
        var trailing = Corrupt(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8));
        Assert.Contains("cover 4 data bytes but the file holds 8", trailing.Message);
    }

    [Fact]
    public void UnsupportedDtypeAndBadShapeNameTheTensor()
    {
        var e = Corrupt(WithHeader("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4));
        Assert.Contains("'h'", e.Message);
        Assert.Contains("F16", e.Message);
        var s = Corrupt(WithHeader("{\"h\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4));
        Assert.Contains("'h'", s.Message);
        var m = Corrupt(WithHeader("{\"__metadata__\":{\"k\":1}}", 0));
        Assert.Contains("'k'", m.Message);
    }
}
