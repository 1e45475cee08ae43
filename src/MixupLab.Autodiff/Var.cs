using MixupLab.Tensors;

namespace MixupLab.Autodiff;

/// <summary>A tensor value in the autodiff graph: a leaf (parameter, input) or the output of an operation.</summary>
/// <remarks>
/// An operation records a <see cref="Node"/> only when gradient recording is on (<see cref="GradMode"/>)
/// and one of its inputs requires a gradient, so inference and attacks on frozen models build no graph.
/// The arithmetic operators are the differentiable <see cref="Ops"/>.
/// </remarks>
public sealed class Var
{
    /// <summary>A leaf variable.</summary>
    /// <param name="value">Its value.</param>
    /// <param name="requiresGrad">Whether gradients with respect to it are wanted.</param>
    /// <param name="name">An optional name for messages.</param>
    public Var(Tensor value, bool requiresGrad = false, string? name = null)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        RequiresGrad = requiresGrad;
        Name = name;
    }

    private Var(Tensor value, Node node)
    {
        Value = value;
        Node = node;
        RequiresGrad = true;
    }

    /// <summary>The value.</summary>
    public Tensor Value { get; }

    /// <summary>Gradient accumulated by <see cref="Autograd.Backward"/> (leaves that require a gradient only).</summary>
    public Tensor? Grad { get; set; }

    /// <summary>Whether gradients flow to this variable.</summary>
    public bool RequiresGrad { get; }

    /// <summary>The operation that produced this variable, or null for a leaf or an unrecorded result.</summary>
    public Node? Node { get; }

    /// <summary>An optional name for messages.</summary>
    public string? Name { get; }

    /// <summary>Whether this is a leaf (not produced by a recorded operation).</summary>
    public bool IsLeaf => Node is null;

    /// <summary>Shape of the value.</summary>
    public int[] Shape => Value.Shape;

    /// <summary>Number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => Value.Dim(axis);

    /// <summary>Wraps the result of an operation, recording <paramref name="node"/> only if it is needed.</summary>
    /// <remarks>Pass the node from a factory that runs only when <see cref="NeedsGrad(Var)"/> said yes.</remarks>
    public static Var FromOp(Tensor value, Node? node) => node is null ? new Var(value) : new Var(value, node);

    /// <summary>Whether an operation on <paramref name="a"/> must record a node.</summary>
    public static bool NeedsGrad(Var a) => GradMode.IsEnabled && a.RequiresGrad;

    /// <summary>Whether an operation on <paramref name="a"/> and <paramref name="b"/> must record a node.</summary>
    public static bool NeedsGrad(Var a, Var b) => GradMode.IsEnabled && (a.RequiresGrad || b.RequiresGrad);

    /// <summary>Whether an operation on these inputs must record a node (null inputs are ignored).</summary>
    public static bool NeedsGrad(params Var?[] inputs)
    {
        if (!GradMode.IsEnabled)
        {
            return false;
        }

        foreach (var v in inputs)
        {
            if (v is not null && v.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A leaf sharing this value that does not require a gradient.</summary>
    public Var Detach() => new(Value);

    /// <summary>The single value of a one-element variable.</summary>
    public float ToScalar() => Value.ToScalar();

    /// <inheritdoc/>
    public override string ToString() => $"Var{ShapeHelper.Format(Shape)}{(Name is null ? string.Empty : " " + Name)}{(RequiresGrad ? " requires_grad" : string.Empty)}";

    /// <summary>Broadcasting addition.</summary>
    public static Var operator +(Var a, Var b) => Ops.Add(a, b);

    /// <summary>Broadcasting subtraction.</summary>
    public static Var operator -(Var a, Var b) => Ops.Subtract(a, b);

    /// <summary>Broadcasting elementwise multiplication.</summary>
    public static Var operator *(Var a, Var b) => Ops.Multiply(a, b);

    /// <summary>Broadcasting elementwise division.</summary>
    public static Var operator /(Var a, Var b) => Ops.Divide(a, b);

    /// <summary>Negation.</summary>
    public static Var operator -(Var a) => Ops.Scale(a, -1f);

    /// <summary>Multiplication by a constant.</summary>
    public static Var operator *(Var a, float s) => Ops.Scale(a, s);

    /// <summary>Multiplication by a constant.</summary>
    public static Var operator *(float s, Var a) => Ops.Scale(a, s);

    /// <summary>Addition of a constant.</summary>
    public static Var operator +(Var a, float s) => Ops.AddScalar(a, s);

    /// <summary>Subtraction of a constant.</summary>
    public static Var operator -(Var a, float s) => Ops.AddScalar(a, -s);
}
