using MixupLab.Autodiff;
using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.NN.Optim;

/// <summary>Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, as <c>torch.optim.SGD</c>.</summary>
/// <remarks>
/// For each parameter p with gradient g, in PyTorch's order:
/// d = g + wd·p; if momentum μ ≠ 0: buf = d on the first step, else buf = μ·buf + (1 − dampening)·d;
/// then d = d + μ·buf (Nesterov) or d = buf; finally p = p − lr·d.
/// State key: <c>state.&lt;name&gt;.momentum_buffer</c>.
/// </remarks>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _momentum;
    private readonly float[]?[] _scratch;

    /// <summary>An SGD optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">Named parameters, e.g. <see cref="Module.NamedParameters"/>.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ (0: plain SGD).</param>
    /// <param name="dampening">Dampening of the momentum update (PyTorch's default 0).</param>
    /// <param name="nesterov">Nesterov momentum (needs μ &gt; 0 and dampening 0).</param>
    /// <param name="weightDecay">L2 coefficient wd added to the gradient.</param>
    public Sgd(IEnumerable<(string Name, Var Parameter)> parameters, double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException($"Nesterov momentum requires momentum > 0 and dampening 0, got momentum {momentum}, dampening {dampening}.", nameof(nesterov));
        }

        Momentum = (float)momentum;
        Dampening = (float)dampening;
        Nesterov = nesterov;
        WeightDecay = (float)weightDecay;
        _momentum = new float[]?[NamedParameters.Count];
        _scratch = new float[]?[NamedParameters.Count];
    }

    /// <summary>An SGD optimizer over every parameter of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="weightDecay">L2 coefficient.</param>
    public Sgd(Module model, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : this((model ?? throw new ArgumentNullException(nameof(model))).NamedParameters(), learningRate, momentum, 0, nesterov, weightDecay)
    {
    }

    /// <summary>Momentum μ.</summary>
    public float Momentum { get; }

    /// <summary>Dampening.</summary>
    public float Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 weight decay coefficient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        ReadOnlySpan<float> d = gradient;
        if (WeightDecay != 0)
        {
            var scratch = _scratch[index] ??= new float[parameter.Length];
            TensorPrimitives.MultiplyAdd(parameter, WeightDecay, gradient, scratch);
            d = scratch;
        }

        if (Momentum != 0)
        {
            var buf = _momentum[index];
            if (buf is null)
            {
                buf = _momentum[index] = d.ToArray();
            }
            else
            {
                TensorPrimitives.Multiply(buf, Momentum, buf);
                TensorPrimitives.MultiplyAdd(d, 1 - Dampening, buf, buf);
            }

            if (Nesterov)
            {
                var scratch = _scratch[index] ??= new float[parameter.Length];
                TensorPrimitives.MultiplyAdd(buf, Momentum, d, scratch);
                d = scratch;
            }
            else
            {
                d = buf;
            }
        }

        TensorPrimitives.MultiplyAdd(d, (float)-LearningRate, parameter, parameter);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Buffer, float[] Values)> ExportState(int index)
    {
        if (_momentum[index] is { } buf)
        {
            yield return ("momentum_buffer", (float[])buf.Clone());
        }
    }

    /// <inheritdoc/>
    protected override void ImportState(int index, string name, IReadOnlyDictionary<string, Tensor> buffers)
    {
        foreach (var key in buffers.Keys)
        {
            if (key != "momentum_buffer")
            {
                throw new ArgumentException($"SGD has no state '{key}' (for parameter '{name}').", nameof(buffers));
            }
        }

        _momentum[index] = buffers.TryGetValue("momentum_buffer", out var t) ? t.ToArray() : null;
    }
}
