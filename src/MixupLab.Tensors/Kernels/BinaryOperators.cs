using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Addition for <see cref="BroadcastKernels.Binary{TOp}"/>.</summary>
public readonly struct AddOp : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Apply(float a, float b) => a + b;

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Add(a, b, destination);

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> destination) => TensorPrimitives.Add(a, b, destination);
}

/// <summary>Subtraction for <see cref="BroadcastKernels.Binary{TOp}"/>.</summary>
public readonly struct SubtractOp : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Apply(float a, float b) => a - b;

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Subtract(a, b, destination);

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> destination) => TensorPrimitives.Subtract(a, b, destination);
}

/// <summary>Multiplication for <see cref="BroadcastKernels.Binary{TOp}"/>.</summary>
public readonly struct MultiplyOp : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Apply(float a, float b) => a * b;

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Multiply(a, b, destination);

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> destination) => TensorPrimitives.Multiply(a, b, destination);
}

/// <summary>Division for <see cref="BroadcastKernels.Binary{TOp}"/>.</summary>
public readonly struct DivideOp : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Apply(float a, float b) => a / b;

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Divide(a, b, destination);

    /// <inheritdoc/>
    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> destination) => TensorPrimitives.Divide(a, b, destination);
}
