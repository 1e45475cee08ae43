namespace MixupLab.Tensors.Kernels;

/// <summary>Which micro-kernel family <see cref="Gemm"/> runs: chosen from the hardware, overridable in tests.</summary>
internal enum GemmIsa
{
    /// <summary>Portable scalar 4×4 kernel.</summary>
    Scalar,

    /// <summary>AVX2 + FMA 6×16 kernel on <c>Vector256&lt;float&gt;</c>.</summary>
    Vector256,

    /// <summary>AVX-512 12×32 kernel on <c>Vector512&lt;float&gt;</c>.</summary>
    Vector512,
}
