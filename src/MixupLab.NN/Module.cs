using MixupLab.Autodiff;
using MixupLab.Tensors;

namespace MixupLab.NN;

/// <summary>A network building block: it owns named parameters, named buffers and named child modules,
/// knows whether it is training, and maps an input to an output with <see cref="Forward"/>.</summary>
/// <remarks>
/// Names follow PyTorch exactly: a parameter <c>weight</c> of child <c>features</c>'s child <c>0</c> is
/// <c>features.0.weight</c>, and <see cref="StateDict"/> lists, like PyTorch's <c>state_dict</c>, each
/// module's own parameters, then its own buffers, then its children in registration order (depth first).
/// Parameters are leaf <see cref="Var"/>s that require a gradient; their tensors and the buffers are
/// allocated outside any <see cref="TensorScope"/> so they outlive every training step.
/// </remarks>
public abstract class Module
{
    private readonly List<(string Name, Var Parameter)> _parameters = [];
    private readonly List<(string Name, Tensor Buffer, TensorDType DType)> _buffers = [];
    private readonly List<(string Name, Module Child)> _children = [];

    /// <summary>Whether the module is in training mode (the default) rather than evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Maps an input to an output.</summary>
    /// <param name="x">The input; its shape is given by each module's documentation.</param>
    public abstract Var Forward(Var x);

    /// <summary>Sets training (<paramref name="mode"/> true) or evaluation mode on this module and every descendant.</summary>
    /// <returns>This module.</returns>
    public Module Train(bool mode = true)
    {
        IsTraining = mode;
        foreach (var (_, child) in _children)
        {
            child.Train(mode);
        }

        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant (BatchNorm uses running statistics, Dropout is the identity).</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>The direct children with their names, in registration order.</summary>
    public IReadOnlyList<(string Name, Module Child)> NamedChildren() => _children;

    /// <summary>Every parameter of this module and its descendants with its dotted name, in PyTorch's order.</summary>
    public IReadOnlyList<(string Name, Var Parameter)> NamedParameters()
    {
        var result = new List<(string, Var)>();
        CollectParameters(string.Empty, result);
        return result;
    }

    /// <summary>Every parameter in <see cref="NamedParameters"/> order.</summary>
    public IReadOnlyList<Var> Parameters()
    {
        var named = NamedParameters();
        var result = new Var[named.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = named[i].Parameter;
        }

        return result;
    }

    /// <summary>Every buffer (e.g. BatchNorm running statistics) of this module and its descendants with its dotted name.</summary>
    public IReadOnlyList<(string Name, Tensor Buffer)> NamedBuffers()
    {
        var result = new List<(string, Tensor)>();
        foreach (var entry in StateEntries())
        {
            if (!entry.IsParameter)
            {
                result.Add((entry.Name, entry.Tensor));
            }
        }

        return result;
    }

    /// <summary>The total number of parameter elements.</summary>
    public long ParameterCount()
    {
        long n = 0;
        foreach (var (_, p) in NamedParameters())
        {
            n += p.Length;
        }

        return n;
    }

    /// <summary>Every parameter and buffer by its dotted name, in PyTorch's <c>state_dict</c> order.</summary>
    /// <remarks>The tensors are the module's own (not copies): writing to them changes the module.
    /// Buffers stored as 64-bit integers by PyTorch (<c>num_batches_tracked</c>) are listed in
    /// <see cref="TensorDictionary.DType"/> so that serialisation writes them as <c>I64</c>.</remarks>
    public TensorDictionary StateDict()
    {
        var dict = new TensorDictionary();
        foreach (var entry in StateEntries())
        {
            dict.Add(entry.Name, entry.Tensor, entry.DType);
        }

        return dict;
    }

    /// <summary>Copies every tensor of <paramref name="source"/> into the parameter or buffer of the same name.</summary>
    /// <param name="source">Tensors keyed exactly as <see cref="StateDict"/>.</param>
    /// <exception cref="ArgumentException">A key is missing, unexpected, has the wrong shape, or (when
    /// <paramref name="source"/> is a <see cref="TensorDictionary"/>, e.g. read from a file) the wrong element type;
    /// the message lists every problem, naming the key and both shapes. Nothing is copied unless everything matches.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entries = StateEntries();
        var problems = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            known.Add(entry.Name);
            if (!source.TryGetValue(entry.Name, out var t))
            {
                problems.Add($"missing key '{entry.Name}' (expected shape {ShapeHelper.Format(entry.Tensor.Shape)})");
            }
            else if (!ShapeHelper.SameShape(t.Shape, entry.Tensor.Shape))
            {
                problems.Add($"key '{entry.Name}' has shape {ShapeHelper.Format(t.Shape)} in the source but {ShapeHelper.Format(entry.Tensor.Shape)} in the model");
            }
            else if (source is TensorDictionary typed && typed.DType(entry.Name) != entry.DType)
            {
                problems.Add($"key '{entry.Name}' is stored as {typed.DType(entry.Name)} in the source but the model keeps it as {entry.DType}");
            }
        }

        foreach (var key in source.Keys)
        {
            if (!known.Contains(key))
            {
                problems.Add($"unexpected key '{key}' (shape {ShapeHelper.Format(source[key].Shape)})");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Cannot load the state dict into {GetType().Name}: " + string.Join("; ", problems) + ".", nameof(source));
        }

        foreach (var entry in entries)
        {
            source[entry.Name].Span.CopyTo(entry.Tensor.Span);
        }
    }

    /// <summary>Initialises the whole model as its reference definition does, drawing from <paramref name="rng"/>.</summary>
    /// <remarks>The default is <see cref="ResetParametersRecursively"/> (PyTorch's per-layer defaults); models whose
    /// reference code re-initialises some layers afterwards (WideResNet) override this.</remarks>
    /// <param name="rng">The initialisation stream, e.g. <c>RandomSource.Derive(seed, "init")</c>.</param>
    public virtual void Initialize(RandomSource rng) => ResetParametersRecursively(rng);

    /// <summary>Initialises every parameter and buffer as PyTorch's defaults do, drawing from <paramref name="rng"/>.</summary>
    /// <remarks>Modules are visited depth first in registration order (the <see cref="NamedParameters"/> order),
    /// each calling <see cref="ResetParameters"/> for its own tensors, so one seed gives one model bit for bit.</remarks>
    public void ResetParametersRecursively(RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ResetParameters(rng);
        foreach (var (_, child) in _children)
        {
            child.ResetParametersRecursively(rng);
        }
    }

    /// <summary>Every module in the tree with its dotted path (this module first, as <c>""</c>), depth first.</summary>
    public IReadOnlyList<(string Name, Module Module)> NamedModules()
    {
        var result = new List<(string, Module)>();
        CollectModules(string.Empty, result);
        return result;
    }

    /// <summary>Initialises this module's own parameters and buffers (not its children's).</summary>
    /// <param name="rng">The initialisation stream.</param>
    protected virtual void ResetParameters(RandomSource rng)
    {
    }

    /// <summary>Registers a trainable parameter: a leaf <see cref="Var"/> of the given shape that requires a gradient.</summary>
    /// <param name="name">Its name within this module (no dots).</param>
    /// <param name="shape">Its shape.</param>
    /// <returns>The parameter, zero-filled until <see cref="ResetParameters"/> runs.</returns>
    protected Var RegisterParameter(string name, params int[] shape)
    {
        CheckName(name);
        var tensor = TensorScope.Untracked(() => Tensor.Zeros(shape));
        var p = new Var(tensor, requiresGrad: true, name: name);
        _parameters.Add((name, p));
        return p;
    }

    /// <summary>Registers a buffer: state saved with the module but not trained.</summary>
    /// <param name="name">Its name within this module (no dots).</param>
    /// <param name="value">Its initial value (element type <paramref name="dtype"/> when serialised).</param>
    /// <param name="dtype">The element type PyTorch stores it as.</param>
    /// <param name="shape">Its shape.</param>
    /// <returns>The buffer tensor.</returns>
    protected Tensor RegisterBuffer(string name, float value, TensorDType dtype, params int[] shape)
    {
        CheckName(name);
        var tensor = TensorScope.Untracked(() => Tensor.Full(value, shape));
        _buffers.Add((name, tensor, dtype));
        return tensor;
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    /// <typeparam name="T">The child's type.</typeparam>
    /// <param name="name">Its name within this module (no dots).</param>
    /// <param name="child">The child.</param>
    /// <returns><paramref name="child"/>.</returns>
    protected T RegisterModule<T>(string name, T child)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(child);
        CheckName(name);
        _children.Add((name, child));
        child.Train(IsTraining);
        return child;
    }

    /// <summary>Registers a child whose parameters and buffers keep their own names, without a prefix of this module's.</summary>
    /// <remarks>For wrappers that add behaviour but no state (e.g. <see cref="Models.NormalizedModel"/>), so the wrapped
    /// model's <c>state_dict</c> keys are unchanged.</remarks>
    /// <typeparam name="T">The child's type.</typeparam>
    /// <param name="child">The child.</param>
    /// <returns><paramref name="child"/>.</returns>
    protected T RegisterTransparentModule<T>(T child)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(child);
        _children.Add((string.Empty, child));
        child.Train(IsTraining);
        return child;
    }

    private static string ChildPrefix(string prefix, string name) => name.Length == 0 ? prefix : prefix + name + ".";

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A parameter, buffer or module name may not contain '.', got '{name}'.", nameof(name));
        }

        foreach (var (n, _) in _parameters)
        {
            ThrowIfSame(n, name);
        }

        foreach (var (n, _, _) in _buffers)
        {
            ThrowIfSame(n, name);
        }

        foreach (var (n, _) in _children)
        {
            ThrowIfSame(n, name);
        }

        static void ThrowIfSame(string existing, string name)
        {
            if (existing == name)
            {
                throw new ArgumentException($"The name '{name}' is already registered in this module.", nameof(name));
            }
        }
    }

    private void CollectParameters(string prefix, List<(string, Var)> result)
    {
        foreach (var (name, p) in _parameters)
        {
            result.Add((prefix + name, p));
        }

        foreach (var (name, child) in _children)
        {
            child.CollectParameters(ChildPrefix(prefix, name), result);
        }
    }

    private void CollectModules(string path, List<(string, Module)> result)
    {
        result.Add((path, this));
        foreach (var (name, child) in _children)
        {
            child.CollectModules(name.Length == 0 ? path : path.Length == 0 ? name : path + "." + name, result);
        }
    }

    private List<(string Name, Tensor Tensor, TensorDType DType, bool IsParameter)> StateEntries()
    {
        var result = new List<(string, Tensor, TensorDType, bool)>();
        CollectState(string.Empty, result);
        return result;
    }

    private void CollectState(string prefix, List<(string, Tensor, TensorDType, bool)> result)
    {
        foreach (var (name, p) in _parameters)
        {
            result.Add((prefix + name, p.Value, TensorDType.Float32, true));
        }

        foreach (var (name, b, dtype) in _buffers)
        {
            result.Add((prefix + name, b, dtype, false));
        }

        foreach (var (name, child) in _children)
        {
            child.CollectState(ChildPrefix(prefix, name), result);
        }
    }
}
