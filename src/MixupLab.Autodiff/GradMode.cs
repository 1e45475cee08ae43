namespace MixupLab.Autodiff;

/// <summary>Whether operations on this thread record the graph (on by default).</summary>
public static class GradMode
{
    [ThreadStatic]
    private static bool _disabled;

    /// <summary>Whether recording is on for this thread.</summary>
    public static bool IsEnabled => !_disabled;

    /// <summary>Turns recording off until the returned scope is disposed (for inference and updates).</summary>
    public static IDisposable NoGrad() => Set(false);

    /// <summary>Sets recording on or off until the returned scope is disposed, then restores the previous state.</summary>
    public static IDisposable Set(bool enabled)
    {
        var previous = !_disabled;
        _disabled = !enabled;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _disabled = !previous;
                _done = true;
            }
        }
    }
}
