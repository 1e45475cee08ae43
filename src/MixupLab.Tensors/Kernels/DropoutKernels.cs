using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Inverted-dropout masks: each element is kept with probability 1 − p and then scaled by 1/(1 − p).</summary>
public static class DropoutKernels
{
    /// <summary>Fills <paramref name="mask"/> with 1/(1 − p) (kept) or 0 (dropped), one uniform draw per element
    /// from <paramref name="rng"/> in order, so the same stream gives the same mask.</summary>
    public static void FillMask(RandomSource rng, float p, Span<float> mask)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(p >= 0f && p < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        }

        rng.FillUniform(mask, 0f, 1f);
        VectorMap.Unary(new KeepOp(p, 1f / (1f - p)), mask, mask);
    }

    /// <summary>destination = x·mask.</summary>
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> mask, Span<float> destination) =>
        TensorPrimitives.Multiply(x, mask, destination);

    private readonly struct KeepOp(float p, float scale) : IUnaryVectorOperator
    {
        public float Invoke(float u) => u >= p ? scale : 0f;

        public Vector256<float> Invoke(Vector256<float> u) => Vector256.GreaterThanOrEqual(u, Vector256.Create(p)) & Vector256.Create(scale);

        public Vector512<float> Invoke(Vector512<float> u) => Vector512.GreaterThanOrEqual(u, Vector512.Create(p)) & Vector512.Create(scale);
    }
}
