namespace MixupLab.NN;

/// <summary>The element type a tensor is stored as in a file (in memory every tensor is float32).</summary>
/// <remarks>PyTorch keeps BatchNorm's <c>num_batches_tracked</c> as a 64-bit integer; keeping that type in
/// files lets PyTorch load them into its own modules unchanged.</remarks>
public enum TensorDType
{
    /// <summary>32-bit IEEE float (<c>F32</c>).</summary>
    Float32,

    /// <summary>64-bit IEEE float (<c>F64</c>); values are rounded to float32 in memory.</summary>
    Float64,

    /// <summary>32-bit signed integer (<c>I32</c>).</summary>
    Int32,

    /// <summary>64-bit signed integer (<c>I64</c>); values beyond ±2^24 lose precision in memory.</summary>
    Int64,
}
