namespace MixupLab.NN.Models;

/// <summary>What to build: a registered model name and its sizes.</summary>
/// <param name="Name">A name known to <see cref="ModelRegistry"/>: <c>logreg</c>, <c>mlp</c>, <c>small-cnn</c>,
/// <c>preact-resnet18</c>, <c>wrn-D-K</c>.</param>
/// <param name="InputShape">One input's shape: C, H, W for images or d for vectors (vector models flatten any shape).</param>
/// <param name="Classes">Output logits K (1 for a single binary logit).</param>
/// <param name="HiddenWidths">The MLP's hidden widths (ignored by other models).</param>
/// <param name="Bias">Whether linear layers of <c>logreg</c> and <c>mlp</c> have biases (false: the bias-free networks of the robustness analysis).</param>
/// <param name="Seed">The run seed; initialisation draws from <c>RandomSource.Derive(Seed, "init")</c>.</param>
public sealed record ModelSpec(string Name, IReadOnlyList<int> InputShape, int Classes, IReadOnlyList<int>? HiddenWidths = null, bool Bias = true, ulong Seed = 0)
{
    /// <summary>An MLP from a width string "d-h₁-…-K" such as "2-100-1" or "784-512-256-10".</summary>
    /// <param name="widths">The widths, dash separated, at least two.</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <param name="seed">The run seed.</param>
    public static ModelSpec Mlp(string widths, bool bias = true, ulong seed = 0)
    {
        var w = ModelRegistry.ParseWidths(widths);
        return new ModelSpec("mlp", [w[0]], w[^1], w[1..^1], bias, seed);
    }
}
