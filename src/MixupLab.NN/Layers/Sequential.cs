using MixupLab.Autodiff;

namespace MixupLab.NN.Layers;

/// <summary>Applies its children in order, as <c>torch.nn.Sequential</c>; the children are named "0", "1", ….</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>A sequence of layers.</summary>
    /// <param name="layers">The layers, applied first to last.</param>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Append(layer);
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>Layer <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Appends a layer, named by its index.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>This sequence.</returns>
    public Sequential Append(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <inheritdoc/>
    public override Var Forward(Var x)
    {
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }
}
