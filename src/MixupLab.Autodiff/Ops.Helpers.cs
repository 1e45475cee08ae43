using MixupLab.Tensors;

namespace MixupLab.Autodiff;

public static partial class Ops
{
    /// <summary>Wraps a result whose node's backward rule refers to the output variable.</summary>
    private static Var WithOutput(Tensor value, OutputNode? node)
    {
        var output = Var.FromOp(value, node);
        if (node is not null)
        {
            node.Output = output;
        }

        return output;
    }

    /// <summary>Combines per-sample (or per-element) loss values as <paramref name="reduction"/> asks.</summary>
    private static Var ReduceLoss(Var values, Reduction reduction) => reduction switch
    {
        Reduction.Mean => Mean(values),
        Reduction.Sum => Sum(values),
        Reduction.None => values,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };

    /// <summary>Throws unless <paramref name="a"/> has rank <paramref name="rank"/>.</summary>
    private static void RequireRank(Var a, int rank, string paramName, string layout)
    {
        if (a.Shape.Length != rank)
        {
            throw new ArgumentException($"{paramName} must be {layout}, got shape {ShapeHelper.Format(a.Shape)}.", paramName);
        }
    }

    /// <summary>The gradient of a per-row quantity as a (N, 1) column, for broadcasting over classes.</summary>
    private static Var AsColumn(Var gradient) => Reshape(gradient, gradient.Length, 1);
}
