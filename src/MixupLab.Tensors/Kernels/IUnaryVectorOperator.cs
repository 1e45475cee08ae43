using System.Runtime.Intrinsics;

namespace MixupLab.Tensors.Kernels;

/// <summary>An elementwise unary function in scalar and vector forms, for <see cref="VectorMap"/> (a struct, so calls inline).</summary>
internal interface IUnaryVectorOperator
{
    float Invoke(float x);

    Vector256<float> Invoke(Vector256<float> x);

    Vector512<float> Invoke(Vector512<float> x);
}
