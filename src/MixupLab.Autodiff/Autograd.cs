using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Autodiff;

/// <summary>Reverse-mode differentiation over the recorded graph.</summary>
public static class Autograd
{
    /// <summary>Accumulates d(output)/d(leaf) into <see cref="Var.Grad"/> of every leaf that requires a gradient.</summary>
    /// <param name="output">A scalar output, or any output when <paramref name="gradOutput"/> is given.</param>
    /// <param name="gradOutput">The gradient flowing into <paramref name="output"/> (default: ones).</param>
    /// <remarks>Leaf gradients are allocated outside any <see cref="TensorScope"/> so they outlive the step; the graph is kept,
    /// so backward may run again over it while its tensors are alive.</remarks>
    public static void Backward(Var output, Tensor? gradOutput = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var seed = SeedGradient(output, gradOutput is null ? null : new Var(gradOutput));
        using var noGrad = GradMode.NoGrad();
        if (output.IsLeaf)
        {
            AccumulateIntoLeaf(output, seed);
            return;
        }

        Run(output, seed, targets: null, createGraph: false, leafSink: AccumulateIntoLeaf);
    }

    /// <summary>The gradients of <paramref name="output"/> with respect to <paramref name="inputs"/>, returned rather than accumulated.</summary>
    /// <param name="output">A scalar output, or any output when <paramref name="gradOutput"/> is given.</param>
    /// <param name="inputs">Variables to differentiate with respect to (leaves or intermediates).</param>
    /// <param name="gradOutput">The gradient flowing into <paramref name="output"/> (default: ones).</param>
    /// <param name="createGraph">Record the backward pass so the returned gradients can be differentiated again.</param>
    /// <param name="allowUnused">Return zeros for inputs the output does not depend on, instead of throwing.</param>
    public static Var[] Grad(Var output, IReadOnlyList<Var> inputs, Var? gradOutput = null, bool createGraph = false, bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        var targets = new Dictionary<Var, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Count; i++)
        {
            targets[inputs[i]] = i;
        }

        var seed = SeedGradient(output, gradOutput);
        var result = new Var?[inputs.Count];
        using (GradMode.Set(createGraph))
        {
            var grads = Run(output, seed, targets, createGraph, leafSink: null);
            for (int i = 0; i < inputs.Count; i++)
            {
                grads.TryGetValue(inputs[i], out result[i]);
            }
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            if (result[i] is null)
            {
                if (!allowUnused)
                {
                    throw new InvalidOperationException($"Input {i} ({inputs[i]}) was not used to compute the output; pass allowUnused: true to get zeros.");
                }

                result[i] = new Var(Tensor.Zeros(inputs[i].Shape));
            }
        }

        return result!;
    }

    private static Var SeedGradient(Var output, Var? gradOutput)
    {
        if (!output.RequiresGrad)
        {
            throw new InvalidOperationException($"The output {output} does not require a gradient: no input of it requires one, or it was computed under NoGrad.");
        }

        if (gradOutput is not null)
        {
            if (!ShapeHelper.SameShape(gradOutput.Shape, output.Shape))
            {
                throw new ArgumentException($"gradOutput has shape {ShapeHelper.Format(gradOutput.Shape)}, the output {ShapeHelper.Format(output.Shape)}.");
            }

            return gradOutput;
        }

        if (output.Length != 1)
        {
            throw new InvalidOperationException($"Backward from a non-scalar output {ShapeHelper.Format(output.Shape)} needs an explicit gradOutput.");
        }

        return new Var(Tensor.Full(1f, output.Shape));
    }

    private static Dictionary<Var, Var> Run(Var output, Var seed, Dictionary<Var, int>? targets, bool createGraph, Action<Var, Var>? leafSink)
    {
        var order = TopologicalOrder(output);
        HashSet<Var>? relevant = targets is null ? null : RelevantVars(order, targets);
        var grads = new Dictionary<Var, Var>(ReferenceEqualityComparer.Instance) { [output] = seed };
        var owned = new HashSet<Var>(ReferenceEqualityComparer.Instance);

        for (int idx = order.Count - 1; idx >= 0; idx--)
        {
            var v = order[idx];
            if (!grads.TryGetValue(v, out var g))
            {
                continue;
            }

            // From here g is handed to v's node, which may pass it on unchanged (Add, AddScalar, a no-op
            // SumToShape): it must never again be accumulated into in place.
            owned.Remove(g);

            var node = v.Node;
            if (node is null)
            {
                continue;
            }

            if (createGraph && !node.SupportsCreateGraph)
            {
                throw new NotSupportedException($"createGraph is not supported through {node.Name}: its backward rule is not differentiable.");
            }

            var inputs = node.Inputs;
            var needed = new bool[inputs.Count];
            bool any = false;
            for (int i = 0; i < inputs.Count; i++)
            {
                needed[i] = inputs[i].RequiresGrad && (relevant is null || relevant.Contains(inputs[i]));
                any |= needed[i];
            }

            if (!any)
            {
                continue;
            }

            node.SetNeeded(needed);
            var inputGrads = node.Backward(g);
            for (int i = 0; i < inputs.Count; i++)
            {
                var gi = inputGrads[i];
                if (!needed[i] || gi is null)
                {
                    continue;
                }

                var input = inputs[i];
                if (!ShapeHelper.SameShape(gi.Shape, input.Shape))
                {
                    throw new InvalidOperationException($"{node.Name} returned a gradient of shape {ShapeHelper.Format(gi.Shape)} for an input of shape {ShapeHelper.Format(input.Shape)}.");
                }

                if (input.IsLeaf && leafSink is not null)
                {
                    leafSink(input, gi);
                    continue;
                }

                if (grads.TryGetValue(input, out var existing))
                {
                    if (createGraph)
                    {
                        grads[input] = Ops.Add(existing, gi);
                    }
                    else if (owned.Contains(existing))
                    {
                        TensorPrimitives.Add(existing.Value.Span, gi.Value.Span, existing.Value.Span);
                    }
                    else
                    {
                        var sum = Tensor.Empty(existing.Shape);
                        TensorPrimitives.Add(existing.Value.Span, gi.Value.Span, sum.Span);
                        var sv = new Var(sum);
                        owned.Add(sv);
                        grads[input] = sv;
                    }
                }
                else
                {
                    grads[input] = gi;
                }
            }
        }

        return grads;
    }

    private static void AccumulateIntoLeaf(Var leaf, Var grad)
    {
        if (leaf.Grad is null || leaf.Grad.IsDisposed)
        {
            leaf.Grad = TensorScope.Untracked(() => grad.Value.Clone());
        }
        else
        {
            TensorPrimitives.Add(leaf.Grad.Span, grad.Value.Span, leaf.Grad.Span);
        }
    }

    /// <summary>Variables reachable from <paramref name="output"/>, each after all of its inputs.</summary>
    private static List<Var> TopologicalOrder(Var output)
    {
        var order = new List<Var>();
        var visited = new HashSet<Var>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Var Var, int Next)>();
        stack.Push((output, 0));
        visited.Add(output);
        while (stack.Count > 0)
        {
            var (v, next) = stack.Pop();
            var inputs = v.Node?.Inputs;
            if (inputs is not null && next < inputs.Count)
            {
                stack.Push((v, next + 1));
                var child = inputs[next];
                if (child.RequiresGrad && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(v);
            }
        }

        return order;
    }

    /// <summary>Variables from which some target can be reached (so their gradients are worth computing).</summary>
    private static HashSet<Var> RelevantVars(List<Var> order, Dictionary<Var, int> targets)
    {
        var relevant = new HashSet<Var>(ReferenceEqualityComparer.Instance);
        foreach (var v in order)
        {
            bool r = targets.ContainsKey(v);
            if (!r && v.Node is not null)
            {
                foreach (var input in v.Node.Inputs)
                {
                    if (relevant.Contains(input))
                    {
                        r = true;
                        break;
                    }
                }
            }

            if (r)
            {
                relevant.Add(v);
            }
        }

        return relevant;
    }
}
