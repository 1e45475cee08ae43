using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MixupLab.Tensors;

namespace MixupLab.NN;

/// <summary>An insertion-ordered map from names to tensors with the element type each is stored as, and
/// string metadata: a model's <c>state_dict</c>, an optimizer's state, or the contents of a safetensors file.</summary>
public sealed class TensorDictionary : IReadOnlyDictionary<string, Tensor>
{
    private readonly Dictionary<string, (Tensor Tensor, TensorDType DType)> _map = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Free-form string metadata (safetensors' <c>__metadata__</c>).</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Count => _order.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _order;

    /// <inheritdoc/>
    public IEnumerable<Tensor> Values => _order.Select(k => _map[k].Tensor);

    /// <inheritdoc/>
    public Tensor this[string key] => _map.TryGetValue(key, out var e)
        ? e.Tensor
        : throw new KeyNotFoundException($"No tensor named '{key}'.");

    /// <summary>Adds a tensor under a new name.</summary>
    /// <param name="name">The name; must not be present yet.</param>
    /// <param name="tensor">The tensor (not copied).</param>
    /// <param name="dtype">The element type it is stored as in files.</param>
    public void Add(string name, Tensor tensor, TensorDType dtype = TensorDType.Float32)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_map.TryAdd(name, (tensor, dtype)))
        {
            throw new ArgumentException($"A tensor named '{name}' is already present.", nameof(name));
        }

        _order.Add(name);
    }

    /// <summary>The element type <paramref name="name"/> is stored as.</summary>
    public TensorDType DType(string name) => _map.TryGetValue(name, out var e)
        ? e.DType
        : throw new KeyNotFoundException($"No tensor named '{name}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _map.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value)
    {
        if (_map.TryGetValue(key, out var e))
        {
            value = e.Tensor;
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        foreach (var k in _order)
        {
            yield return new KeyValuePair<string, Tensor>(k, _map[k].Tensor);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
