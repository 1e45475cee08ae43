namespace MixupLab.Tensors.Kernels;

/// <summary>An elementwise binary operator with scalar and vectorised span forms, for <see cref="BroadcastKernels.Binary{TOp}"/>.</summary>
public interface IBinaryOperator
{
    /// <summary>The operator on one pair.</summary>
    static abstract float Apply(float a, float b);

    /// <summary>The operator on equal-length spans.</summary>
    static abstract void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination);

    /// <summary>The operator with a scalar right operand.</summary>
    static abstract void Apply(ReadOnlySpan<float> a, float b, Span<float> destination);
}
