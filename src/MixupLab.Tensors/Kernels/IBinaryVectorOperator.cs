using System.Runtime.Intrinsics;

namespace MixupLab.Tensors.Kernels;

/// <summary>An elementwise binary function in scalar and vector forms, for <see cref="VectorMap"/> (a struct, so calls inline).</summary>
internal interface IBinaryVectorOperator
{
    float Invoke(float x, float y);

    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}
