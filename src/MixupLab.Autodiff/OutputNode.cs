namespace MixupLab.Autodiff;

/// <summary>A node whose backward rule is written in terms of its own output (exp, softmax, tanh, ...).</summary>
/// <remarks>Using the output variable, rather than a copy of its value, keeps the rule differentiable:
/// under <c>createGraph</c> the gradient depends on the inputs through the output's own node.</remarks>
internal abstract class OutputNode(params Var[] inputs) : Node(inputs)
{
    /// <summary>The variable this node produced (set once, right after the forward pass).</summary>
    public Var Output { get; set; } = null!;
}
