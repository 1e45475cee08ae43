using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN.Optim;

/// <summary>Updates named parameters from their accumulated gradients.</summary>
/// <remarks>
/// Parameters without a gradient (never reached by a backward pass) are skipped, as in PyTorch.
/// The state (momentum buffers, moment estimates, step counts) is exported by <see cref="StateDict"/> with keys
/// <c>state.&lt;parameter name&gt;.&lt;buffer&gt;</c>, so a checkpoint resumes the exact trajectory.
/// </remarks>
public abstract class Optimizer
{
    private readonly (string Name, Var Parameter)[] _parameters;

    /// <summary>Checks and stores the parameters to optimise.</summary>
    /// <param name="parameters">Named leaf variables that require a gradient (e.g. <see cref="Module.NamedParameters"/>).</param>
    /// <param name="learningRate">The initial learning rate.</param>
    protected Optimizer(IEnumerable<(string Name, Var Parameter)> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, p) in _parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            if (!p.IsLeaf || !p.RequiresGrad)
            {
                throw new ArgumentException($"Parameter '{name}' ({p}) must be a leaf that requires a gradient.", nameof(parameters));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Parameter name '{name}' appears twice.", nameof(parameters));
            }
        }

        LearningRate = learningRate;
    }

    /// <summary>The learning rate used by the next <see cref="Step"/> (set it from an <see cref="Schedules.LrSchedule"/>).</summary>
    public double LearningRate
    {
        get;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and non-negative.");
            }

            field = value;
        }
    }

    /// <summary>The parameters with their names, in the order given.</summary>
    public IReadOnlyList<(string Name, Var Parameter)> NamedParameters => _parameters;

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i].Parameter;
            if (p.Grad is null || p.Grad.IsDisposed)
            {
                continue;
            }

            Update(i, p.Value.Span, p.Grad.Span);
        }
    }

    /// <summary>Sets every existing gradient to zero in place (the gradient tensors are kept, never reallocated).</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters)
        {
            if (p.Grad is { IsDisposed: false } g)
            {
                g.Span.Clear();
            }
        }
    }

    /// <summary>The optimizer state as tensors keyed <c>state.&lt;parameter name&gt;.&lt;buffer&gt;</c> (copies).</summary>
    public TensorDictionary StateDict()
    {
        var dict = new TensorDictionary();
        for (int i = 0; i < _parameters.Length; i++)
        {
            foreach (var (buffer, values) in ExportState(i))
            {
                var t = TensorScope.Untracked(() => Tensor.FromArray(values, buffer == "step" ? [] : _parameters[i].Parameter.Shape));
                dict.Add($"state.{_parameters[i].Name}.{buffer}", t);
            }
        }

        dict.Metadata["optimizer"] = GetType().Name;
        dict.Metadata["lr"] = LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return dict;
    }

    /// <summary>Restores a state produced by <see cref="StateDict"/> of an optimizer of the same kind over the same parameters.</summary>
    /// <param name="state">The state tensors.</param>
    /// <exception cref="ArgumentException">A key is unknown or a tensor has the wrong shape; the message names it.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _parameters.Length; i++)
        {
            index[_parameters[i].Name] = i;
        }

        var perParameter = new Dictionary<int, Dictionary<string, Tensor>>();
        foreach (var (key, tensor) in state)
        {
            int dot = key.LastIndexOf('.');
            if (!key.StartsWith("state.", StringComparison.Ordinal) || dot <= 6 || !index.TryGetValue(key[6..dot], out int i))
            {
                throw new ArgumentException($"Optimizer state key '{key}' names no parameter of this {GetType().Name}.", nameof(state));
            }

            string buffer = key[(dot + 1)..];
            int[] expected = buffer == "step" ? [] : _parameters[i].Parameter.Shape;
            if (!ShapeHelper.SameShape(tensor.Shape, expected))
            {
                throw new ArgumentException($"Optimizer state '{key}' has shape {ShapeHelper.Format(tensor.Shape)}, expected {ShapeHelper.Format(expected)}.", nameof(state));
            }

            if (!perParameter.TryGetValue(i, out var buffers))
            {
                perParameter[i] = buffers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            }

            buffers[buffer] = tensor;
        }

        for (int i = 0; i < _parameters.Length; i++)
        {
            ImportState(i, _parameters[i].Name, perParameter.TryGetValue(i, out var b) ? b : new Dictionary<string, Tensor>());
        }

        if (state is TensorDictionary typed && typed.Metadata.TryGetValue("lr", out var lr))
        {
            LearningRate = double.Parse(lr, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient.</summary>
    /// <param name="index">The parameter's position.</param>
    /// <param name="parameter">Its values (updated in place).</param>
    /// <param name="gradient">Its gradient (read only).</param>
    protected abstract void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient);

    /// <summary>The state buffers of parameter <paramref name="index"/> (none before its first update).</summary>
    protected abstract IEnumerable<(string Buffer, float[] Values)> ExportState(int index);

    /// <summary>Replaces the state of parameter <paramref name="index"/> by <paramref name="buffers"/> (empty: no state yet).</summary>
    /// <param name="index">The parameter's position.</param>
    /// <param name="name">Its name, for messages.</param>
    /// <param name="buffers">The buffers by name.</param>
    protected abstract void ImportState(int index, string name, IReadOnlyDictionary<string, Tensor> buffers);
}
