using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using MixupLab.Tensors;

namespace MixupLab.NN.Serialization;

/// <summary>Reads and writes the safetensors format, which PyTorch (<c>safetensors.torch.load_file</c>) and every
/// Hugging Face tool read.</summary>
/// <remarks>
/// Layout: an unsigned 64-bit little-endian header length n; n bytes of UTF-8 JSON
/// <c>{"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...}</c>
/// (padded with spaces to a multiple of 8 bytes); then the raw little-endian data, where each tensor occupies
/// bytes [begin, end) counted from the end of the header. Supported element types: F32, F64, I32, I64
/// (in memory every tensor is float32). Reading validates everything the reference implementation does:
/// offsets inside the data, sizes matching shapes, tensors contiguous and covering the data exactly.
/// </remarks>
public static class Safetensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor (in file order) and the metadata of a safetensors file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors, allocated outside any <see cref="TensorScope"/>, with their stored element types and the metadata.</returns>
    /// <exception cref="InvalidDataException">The file is truncated or malformed; the message names the file and the tensor.</exception>
    public static TensorDictionary Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        return TensorScope.Untracked(() => Parse(bytes, path));
    }

    /// <summary>Writes tensors and metadata to <paramref name="path"/> atomically (a temporary file in the same folder,
    /// flushed to disk, then moved over the destination).</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="tensors">The tensors by name, written in enumeration order. When this is a <see cref="TensorDictionary"/>
    /// each tensor is stored as its recorded <see cref="TensorDictionary.DType"/> (e.g. I64 for <c>num_batches_tracked</c>);
    /// otherwise as F32.</param>
    /// <param name="metadata">String metadata (<c>__metadata__</c>); when null and <paramref name="tensors"/> is a
    /// <see cref="TensorDictionary"/>, its <see cref="TensorDictionary.Metadata"/> is written.</param>
    /// <exception cref="ArgumentException">A name is empty or reserved, or an integer tensor holds a non-integral value.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var typed = tensors as TensorDictionary;
        metadata ??= typed?.Metadata;
        var entries = new List<(string Name, Tensor Tensor, TensorDType DType)>();
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == MetadataKey)
            {
                throw new ArgumentException($"Invalid tensor name '{name}' for {path}.", nameof(tensors));
            }

            entries.Add((name, tensor, typed?.DType(name) ?? TensorDType.Float32));
        }

        byte[] header = BuildHeader(entries, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> lengthBytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)header.Length);
            stream.Write(lengthBytes);
            stream.Write(header);
            foreach (var (name, tensor, dtype) in entries)
            {
                WriteData(stream, tensor, dtype, name, path);
            }
        });
    }

    private static byte[] BuildHeader(List<(string Name, Tensor Tensor, TensorDType DType)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (metadata is not null && metadata.Count > 0)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata)
                {
                    w.WriteString(k, v);
                }

                w.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, tensor, dtype) in entries)
            {
                long size = (long)tensor.Length * ElementSize(dtype);
                w.WriteStartObject(name);
                w.WriteString("dtype", DTypeName(dtype));
                w.WriteStartArray("shape");
                foreach (int d in tensor.Shape)
                {
                    w.WriteNumberValue(d);
                }

                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + size);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += size;
            }

            w.WriteEndObject();
        }

        int length = (int)ms.Length;
        int padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        ms.GetBuffer().AsSpan(0, length).CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static void WriteData(Stream stream, Tensor tensor, TensorDType dtype, string name, string path)
    {
        var span = tensor.Span;
        if (dtype == TensorDType.Float32 && BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(span));
            return;
        }

        int size = ElementSize(dtype);
        var buffer = new byte[size * Math.Min(span.Length, 4096)];
        for (int start = 0; start < span.Length; start += 4096)
        {
            int count = Math.Min(4096, span.Length - start);
            for (int i = 0; i < count; i++)
            {
                float v = span[start + i];
                var dst = buffer.AsSpan(i * size, size);
                switch (dtype)
                {
                    case TensorDType.Float32:
                        BinaryPrimitives.WriteSingleLittleEndian(dst, v);
                        break;
                    case TensorDType.Float64:
                        BinaryPrimitives.WriteDoubleLittleEndian(dst, v);
                        break;
                    case TensorDType.Int32:
                        BinaryPrimitives.WriteInt32LittleEndian(dst, checked((int)Integral(v, name, path)));
                        break;
                    default:
                        BinaryPrimitives.WriteInt64LittleEndian(dst, Integral(v, name, path));
                        break;
                }
            }

            stream.Write(buffer, 0, count * size);
        }
    }

    private static long Integral(float v, string name, string path)
    {
        if (!float.IsFinite(v) || MathF.Round(v) != v)
        {
            throw new ArgumentException($"Tensor '{name}' for {path} is stored as an integer type but holds {v}.", name);
        }

        return (long)v;
    }

    private static TensorDictionary Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 8)
        {
            throw Corrupt(path, $"it has {bytes.Length} bytes, fewer than the 8-byte header length");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(bytes.Length - 8))
        {
            throw Corrupt(path, $"the header claims {headerLength} bytes but only {bytes.Length - 8} follow the length (truncated file?)");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = bytes.Length - dataStart;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Corrupt(path, $"the header is a JSON {doc.RootElement.ValueKind}, not an object");
            }

            var result = new TensorDictionary();
            var spans = new List<(long Begin, long End, string Name)>();
            var parsed = new List<(string Name, TensorDType DType, int[] Shape, long Begin)>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == MetadataKey)
                {
                    ReadMetadata(prop.Value, result.Metadata, path);
                    continue;
                }

                var (dtype, shape, begin, end) = ReadEntry(prop.Name, prop.Value, path);
                long expected = (long)ShapeHelper.Product(shape) * ElementSize(dtype);
                if (end - begin != expected)
                {
                    throw Corrupt(path, $"tensor '{prop.Name}' has data_offsets [{begin}, {end}] ({end - begin} bytes) but its {DTypeName(dtype)} shape {ShapeHelper.Format(shape)} needs {expected} bytes");
                }

                if (end > dataLength)
                {
                    throw Corrupt(path, $"tensor '{prop.Name}' has data_offsets [{begin}, {end}] beyond the {dataLength} data bytes (truncated file?)");
                }

                spans.Add((begin, end, prop.Name));
                parsed.Add((prop.Name, dtype, shape, begin));
            }

            CheckCoverage(spans, dataLength, path);
            foreach (var (name, dtype, shape, begin) in parsed)
            {
                var tensor = Tensor.Empty(shape);
                Decode(bytes.AsSpan(dataStart + (int)begin, tensor.Length * ElementSize(dtype)), dtype, tensor.Span);
                result.Add(name, tensor, dtype);
            }

            return result;
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, $"{MetadataKey} is a JSON {element.ValueKind}, not an object of strings");
        }

        foreach (var m in element.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
            {
                throw Corrupt(path, $"{MetadataKey} entry '{m.Name}' is a JSON {m.Value.ValueKind}, not a string");
            }

            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static (TensorDType DType, int[] Shape, long Begin, long End) ReadEntry(string name, JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, $"tensor '{name}' is a JSON {e.ValueKind}, not an object");
        }

        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
        {
            throw Corrupt(path, $"tensor '{name}' has no string 'dtype'");
        }

        var dtype = dt.GetString() switch
        {
            "F32" => TensorDType.Float32,
            "F64" => TensorDType.Float64,
            "I32" => TensorDType.Int32,
            "I64" => TensorDType.Int64,
            var other => throw Corrupt(path, $"tensor '{name}' has dtype '{other}'; supported: F32, F64, I32, I64"),
        };

        if (!e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array)
        {
            throw Corrupt(path, $"tensor '{name}' has no 'shape' array");
        }

        var shape = new int[sh.GetArrayLength()];
        long elements = 1;
        int i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out shape[i]) || shape[i] < 0)
            {
                throw Corrupt(path, $"tensor '{name}' has an invalid shape entry {d.GetRawText()}");
            }

            elements *= shape[i];
            if (elements > int.MaxValue)
            {
                throw Corrupt(path, $"tensor '{name}' has more elements than one tensor can hold");
            }

            i++;
        }

        if (!e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
        {
            throw Corrupt(path, $"tensor '{name}' has no 'data_offsets' pair");
        }

        if (!off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            throw Corrupt(path, $"tensor '{name}' has invalid data_offsets {off.GetRawText()}");
        }

        return (dtype, shape, begin, end);
    }

    private static void CheckCoverage(List<(long Begin, long End, string Name)> spans, long dataLength, string path)
    {
        spans.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var (begin, end, name) in spans)
        {
            if (begin != expected)
            {
                throw Corrupt(path, begin < expected
                    ? $"tensor '{name}' at data_offsets [{begin}, {end}] overlaps the previous tensor (which ends at {expected})"
                    : $"tensor '{name}' starts at byte {begin}, leaving a gap after byte {expected}");
            }

            expected = end;
        }

        if (expected != dataLength)
        {
            throw Corrupt(path, $"the tensors cover {expected} data bytes but the file holds {dataLength}");
        }
    }

    private static void Decode(ReadOnlySpan<byte> src, TensorDType dtype, Span<float> dst)
    {
        switch (dtype)
        {
            case TensorDType.Float32 when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(src).CopyTo(dst);
                break;
            case TensorDType.Float32:
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = BinaryPrimitives.ReadSingleLittleEndian(src[(4 * i)..]);
                }

                break;
            case TensorDType.Float64:
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(src[(8 * i)..]);
                }

                break;
            case TensorDType.Int32:
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = BinaryPrimitives.ReadInt32LittleEndian(src[(4 * i)..]);
                }

                break;
            default:
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = BinaryPrimitives.ReadInt64LittleEndian(src[(8 * i)..]);
                }

                break;
        }
    }

    private static int ElementSize(TensorDType dtype) => dtype is TensorDType.Float64 or TensorDType.Int64 ? 8 : 4;

    private static string DTypeName(TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => "F32",
        TensorDType.Float64 => "F64",
        TensorDType.Int32 => "I32",
        _ => "I64",
    };

    private static InvalidDataException Corrupt(string path, string what) => new($"Safetensors file '{path}' is invalid: {what}.");
}
