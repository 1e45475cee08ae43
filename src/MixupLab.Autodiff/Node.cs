namespace MixupLab.Autodiff;

/// <summary>A recorded operation: its inputs and the rule that maps the output gradient to input gradients.</summary>
/// <remarks>
/// <see cref="Backward"/> is written with <see cref="Ops"/>, so when the engine runs it with recording
/// on (<c>createGraph</c>) the gradient is itself differentiable. Nodes whose rule uses raw kernels
/// override <see cref="SupportsCreateGraph"/> to false; asking for a graph through them is an error.
/// </remarks>
public abstract class Node
{
    private readonly Var[] _inputs;
    private bool[]? _needed;

    /// <summary>Records the inputs of the operation.</summary>
    protected Node(params Var[] inputs) => _inputs = inputs;

    /// <summary>The inputs, in the order the operation took them.</summary>
    public IReadOnlyList<Var> Inputs => _inputs;

    /// <summary>A short name for messages (defaults to the type name without "Node").</summary>
    public virtual string Name => GetType().Name.Replace("Node", string.Empty, StringComparison.Ordinal);

    /// <summary>Whether <see cref="Backward"/> builds a differentiable graph when recording is on.</summary>
    public virtual bool SupportsCreateGraph => true;

    /// <summary>Gradients with respect to each input (same shapes as the inputs); null where <see cref="NeedsInputGrad"/> is false.</summary>
    public abstract Var?[] Backward(Var gradOutput);

    /// <summary>Whether the engine wants the gradient of input <paramref name="index"/> in this pass.</summary>
    protected bool NeedsInputGrad(int index) => _needed is null ? _inputs[index].RequiresGrad : _needed[index];

    internal void SetNeeded(bool[] needed) => _needed = needed;
}
