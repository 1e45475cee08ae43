using System.Text.Json;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

/// <summary>The integer-hash weights of the fixtures' <c>"weights": "generated"</c> cases, bit for bit as
/// <c>make_fixtures.generated_values</c> (so the large models need no stored weights).</summary>
/// <remarks>value[i] = offset + scale·(u − 0.5) in float32 with u = (h ≫ 8)·2⁻²⁴ and
/// h = mix(i·0x9E3779B1 + (index + 1)·0x85EBCA77) (32-bit wrap-around, murmur-style finaliser).</remarks>
internal static class GoldenGeneratedWeights
{
    public static void Fill(Span<float> destination, int index, float offset, float scale)
    {
        uint salt = unchecked((uint)(index + 1) * 0x85EBCA77u);
        for (int i = 0; i < destination.Length; i++)
        {
            uint h = unchecked(((uint)i * 0x9E3779B1u) + salt);
            h ^= h >> 15;
            h = unchecked(h * 0x2C1B3C6Du);
            h ^= h >> 12;
            h = unchecked(h * 0x297A2D39u);
            h ^= h >> 15;
            float u = (h >> 8) * (1.0f / (1 << 24));
            float centred = u - 0.5f;
            float scaled = scale * centred;
            destination[i] = offset + scaled;
        }
    }

    /// <summary>The state_dict described by the fixture's <c>generated</c> list (I64 entries are 0).</summary>
    public static Dictionary<string, Tensor> StateDict(JsonElement generated)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in generated.EnumerateArray())
        {
            string key = entry.GetProperty("key").GetString()!;
            int[] shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var t = TensorScope.Untracked(() => Tensor.Zeros(shape));
            if (entry.GetProperty("dtype").GetString() == "F32")
            {
                Fill(t.Span, entry.GetProperty("index").GetInt32(), (float)entry.GetProperty("offset").GetDouble(), (float)entry.GetProperty("scale").GetDouble());
            }

            state[key] = t;
        }

        return state;
    }
}
