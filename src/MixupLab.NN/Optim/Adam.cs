using MixupLab.Autodiff;
using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.NN.Optim;

/// <summary>Adam with bias correction and L2-style weight decay, as <c>torch.optim.Adam</c> (amsgrad off).</summary>
/// <remarks>
/// For each parameter p with gradient g, at step t (1 on the first update):
/// g = g + wd·p; m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g²;
/// p = p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// State keys: <c>state.&lt;name&gt;.step</c> (scalar), <c>.exp_avg</c> (m), <c>.exp_avg_sq</c> (v).
/// </remarks>
public sealed class Adam : Optimizer
{
    private readonly float[]?[] _m;
    private readonly float[]?[] _v;
    private readonly float[]?[] _scratch;
    private readonly float[]?[] _squared;
    private readonly int[] _steps;

    /// <summary>An Adam optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">Named parameters, e.g. <see cref="Module.NamedParameters"/>.</param>
    /// <param name="learningRate">lr (PyTorch's default 1e-3).</param>
    /// <param name="beta1">β₁.</param>
    /// <param name="beta2">β₂.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">L2 coefficient wd added to the gradient.</param>
    public Adam(IEnumerable<(string Name, Var Parameter)> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam needs 0 ≤ β < 1, got β₁ = {beta1}, β₂ = {beta2}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = (float)epsilon;
        WeightDecay = (float)weightDecay;
        int n = NamedParameters.Count;
        _m = new float[]?[n];
        _v = new float[]?[n];
        _scratch = new float[]?[n];
        _squared = new float[]?[n];
        _steps = new int[n];
    }

    /// <summary>An Adam optimizer over every parameter of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="weightDecay">L2 coefficient.</param>
    public Adam(Module model, double learningRate = 1e-3, double weightDecay = 0)
        : this((model ?? throw new ArgumentNullException(nameof(model))).NamedParameters(), learningRate, weightDecay: weightDecay)
    {
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>L2 weight decay coefficient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        int n = parameter.Length;
        var m = _m[index] ??= new float[n];
        var v = _v[index] ??= new float[n];
        var scratch = _scratch[index] ??= new float[n];
        int t = ++_steps[index];

        ReadOnlySpan<float> g = gradient;
        if (WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd(parameter, WeightDecay, gradient, scratch);
            g = scratch;
        }

        float b1 = (float)Beta1, b2 = (float)Beta2;
        TensorPrimitives.Multiply(m, b1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - b1, m, m);
        // v = β₂·v + ((1 − β₂)·g)·g, PyTorch's addcmul order.
        var squared = _squared[index] ??= new float[n];
        TensorPrimitives.Multiply(g, 1 - b2, squared);
        TensorPrimitives.Multiply(v, b2, v);
        TensorPrimitives.MultiplyAdd(squared, g, v, v);

        double biasCorrection1 = 1 - Math.Pow(Beta1, t);
        double biasCorrection2 = 1 - Math.Pow(Beta2, t);
        float stepSize = (float)(LearningRate / biasCorrection1);
        float sqrtBc2 = (float)Math.Sqrt(biasCorrection2);

        // denom = √v / √(1 − β₂ᵗ) + ε, then p -= stepSize · m / denom.
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Divide(scratch, sqrtBc2, scratch);
        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, parameter, parameter);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Buffer, float[] Values)> ExportState(int index)
    {
        if (_steps[index] == 0)
        {
            yield break;
        }

        yield return ("step", [_steps[index]]);
        yield return ("exp_avg", (float[])_m[index]!.Clone());
        yield return ("exp_avg_sq", (float[])_v[index]!.Clone());
    }

    /// <inheritdoc/>
    protected override void ImportState(int index, string name, IReadOnlyDictionary<string, Tensor> buffers)
    {
        foreach (var key in buffers.Keys)
        {
            if (key is not ("step" or "exp_avg" or "exp_avg_sq"))
            {
                throw new ArgumentException($"Adam has no state '{key}' (for parameter '{name}').", nameof(buffers));
            }
        }

        if (buffers.Count == 0)
        {
            _steps[index] = 0;
            _m[index] = null;
            _v[index] = null;
            return;
        }

        if (buffers.Count != 3)
        {
            throw new ArgumentException($"Adam state for parameter '{name}' needs step, exp_avg and exp_avg_sq; got {string.Join(", ", buffers.Keys)}.", nameof(buffers));
        }

        float step = buffers["step"].ToScalar();
        if (step < 1 || MathF.Round(step) != step)
        {
            throw new ArgumentException($"Adam state 'state.{name}.step' must be a positive integer, got {step}.", nameof(buffers));
        }

        _steps[index] = (int)step;
        _m[index] = buffers["exp_avg"].ToArray();
        _v[index] = buffers["exp_avg_sq"].ToArray();
    }
}
