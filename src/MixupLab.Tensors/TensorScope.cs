namespace MixupLab.Tensors;

/// <summary>Collects the tensors created on this thread while it is active and returns them to the pool
/// when disposed: one scope per training step makes steady-state steps allocation-free.</summary>
/// <remarks>Scopes nest; a tensor belongs to the innermost one. Call <see cref="Keep"/> for a tensor that
/// must outlive the scope (it then moves to the enclosing scope, or to nobody).</remarks>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? _current;

    private readonly TensorScope? _parent;
    private readonly HashSet<Tensor> _tracked = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    /// <summary>Opens a scope on the current thread.</summary>
    public TensorScope()
    {
        _parent = _current;
        _current = this;
    }

    /// <summary>The innermost active scope of this thread, if any.</summary>
    public static TensorScope? Current => _current;

    /// <summary>Runs <paramref name="action"/> with no active scope, so the tensors it creates are untracked.</summary>
    public static T Untracked<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var saved = _current;
        _current = null;
        try
        {
            return action();
        }
        finally
        {
            _current = saved;
        }
    }

    internal void Track(Tensor tensor) => _tracked.Add(tensor);

    /// <summary>Removes <paramref name="tensor"/> from this scope so it survives disposal.</summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (_tracked.Remove(tensor))
        {
            _parent?.Track(tensor);
        }

        return tensor;
    }

    /// <summary>Returns every tracked tensor to the pool and restores the enclosing scope.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_current == this)
        {
            _current = _parent;
        }

        foreach (var t in _tracked)
        {
            t.Dispose();
        }

        _tracked.Clear();
    }
}
