namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Mean of all elements, a rank-0 result (NaN for an empty tensor).</summary>
    /// <remarks>Composed as Sum(a)·(1/n), so it is differentiable to any order.</remarks>
    public static Var Mean(Var a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Scale(Sum(a), 1f / a.Length);
    }

    /// <summary>Mean along <paramref name="axis"/>, removing it unless <paramref name="keepDim"/>.</summary>
    /// <remarks>Composed as Sum(a, axis)·(1/n) with n the size of the axis.</remarks>
    public static Var Mean(Var a, int axis, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sum = Sum(a, axis, keepDim);
        return Scale(sum, 1f / a.Dim(axis));
    }
}
