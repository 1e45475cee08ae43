using MixupLab.Tensors;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Swaps axes <paramref name="dim0"/> and <paramref name="dim1"/> (a copy; negative axes count from the end).</summary>
    /// <remarks>A <see cref="Permute"/>, so d/da = Transpose(g, dim0, dim1).</remarks>
    public static Var Transpose(Var a, int dim0, int dim1)
    {
        ArgumentNullException.ThrowIfNull(a);
        int rank = a.Shape.Length;
        int d0 = AxisSplit.Normalize(dim0, rank);
        int d1 = AxisSplit.Normalize(dim1, rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = i;
        }

        (dims[d0], dims[d1]) = (dims[d1], dims[d0]);
        return Permute(a, dims);
    }
}
