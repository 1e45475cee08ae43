using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Tensors.Kernels;

/// <summary>Elementwise activation kernels and their derivatives, plus the plain-tensor helpers
/// (<see cref="Sign(ReadOnlySpan{float}, Span{float})"/>, <see cref="ClampInPlace"/>) that attacks need.</summary>
/// <remarks>
/// Span forms run on the calling thread; tensor forms split large tensors over <see cref="Engine.Threads"/>
/// (any split gives the same bits, since every element is computed alone). TensorPrimitives does the
/// transcendental work; the masked operations that it lacks are hand-vectorised (Vector512/256) and have
/// scalar references in <see cref="ElementwiseReference"/>. Destinations may alias the input exactly.
/// </remarks>
public static class ElementwiseKernels
{
    private delegate void UnarySpan(ReadOnlySpan<float> x, Span<float> destination);

    private delegate void BinarySpan(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    /// <summary>destination = exp(x).</summary>
    public static void Exp(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Exp(x, d));

    /// <summary>destination = ln(x).</summary>
    public static void Log(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Log(x, d));

    /// <summary>destination = √x.</summary>
    public static void Sqrt(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Sqrt(x, d));

    /// <summary>destination = x².</summary>
    public static void Square(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Multiply(x, x, d));

    /// <summary>destination = |x|.</summary>
    public static void Abs(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Abs(x, d));

    /// <summary>destination = tanh(x).</summary>
    public static void Tanh(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Tanh(x, d));

    /// <summary>destination = 1 / (1 + exp(−x)).</summary>
    public static void Sigmoid(Tensor x, Tensor destination) => Run(x, destination, static (x, d) => TensorPrimitives.Sigmoid(x, d));

    /// <summary>destination = max(x, 0).</summary>
    public static void Relu(Tensor x, Tensor destination) => Run(x, destination, Relu);

    /// <summary>destination = g where x &gt; 0, else 0 (the ReLU derivative applied to an incoming gradient g).</summary>
    public static void ReluBackward(Tensor gradient, Tensor x, Tensor destination) => Run(gradient, x, destination, ReluBackward);

    /// <summary>destination = x where x &gt; 0, else slope·x.</summary>
    public static void LeakyRelu(Tensor x, float slope, Tensor destination) =>
        Run(x, destination, (x, d) => LeakyRelu(x, slope, d));

    /// <summary>destination = g where x &gt; 0, else slope·g.</summary>
    public static void LeakyReluBackward(Tensor gradient, Tensor x, float slope, Tensor destination) =>
        Run(gradient, x, destination, (g, x, d) => LeakyReluBackward(g, x, slope, d));

    /// <summary>destination = softplus(x) = ln(1 + eˣ), computed stably as max(x, 0) + ln(1 + e^(−|x|)).</summary>
    public static void Softplus(Tensor x, Tensor destination) => Run(x, destination, Softplus);

    /// <summary>destination = sign(x) ∈ {−1, 0, 1} (0 for NaN).</summary>
    public static void Sign(Tensor x, Tensor destination) => Run(x, destination, Sign);

    /// <summary>Clamps every element of <paramref name="x"/> to [<paramref name="min"/>, <paramref name="max"/>] in place.</summary>
    public static void ClampInPlace(Tensor x, float min, float max)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(min <= max))
        {
            throw new ArgumentException($"Clamp range [{min}, {max}] is empty.", nameof(min));
        }

        Run(x, x, (x, d) => TensorPrimitives.Clamp(x, min, max, d));
    }

    /// <summary>destination = max(x, 0).</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> destination) => TensorPrimitives.Max(x, 0f, destination);

    /// <summary>destination = g where x &gt; 0, else 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> x, Span<float> destination) =>
        VectorMap.Binary(default(ReluBackwardOp), gradient, x, destination);

    /// <summary>destination = x where x &gt; 0, else slope·x.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination) =>
        VectorMap.Unary(new LeakyReluOp(slope), x, destination);

    /// <summary>destination = g where x &gt; 0, else slope·g.</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> x, float slope, Span<float> destination) =>
        VectorMap.Binary(new LeakyReluBackwardOp(slope), gradient, x, destination);

    /// <summary>destination = sign(x) ∈ {−1, 0, 1} (0 for NaN).</summary>
    public static void Sign(ReadOnlySpan<float> x, Span<float> destination) => VectorMap.Unary(default(SignOp), x, destination);

    /// <summary>destination = max(x, 0) + ln(1 + e^(−|x|)); <paramref name="destination"/> may alias <paramref name="x"/> exactly.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (x.Length != destination.Length)
        {
            throw new ArgumentException($"Span lengths differ: x {x.Length}, destination {destination.Length}.", nameof(destination));
        }

        Span<float> tmp = stackalloc float[256];
        for (int start = 0; start < x.Length; start += tmp.Length)
        {
            int n = Math.Min(tmp.Length, x.Length - start);
            var t = tmp[..n];
            var xs = x.Slice(start, n);
            TensorPrimitives.Abs(xs, t);
            TensorPrimitives.Negate(t, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.LogP1(t, t);
            VectorMap.Binary(default(AddReluOp), t, xs, destination.Slice(start, n));
        }
    }

    private static void Run(Tensor x, Tensor destination, UnarySpan kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
        CheckLength(x.Length, destination.Length, nameof(destination));
        var xa = x.Data;
        var da = destination.Data;
        Partition.For(x.Length, 1, (s, n) => kernel(xa.AsSpan(s, n), da.AsSpan(s, n)));
    }

    private static void Run(Tensor x, Tensor y, Tensor destination, BinarySpan kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(destination);
        CheckLength(x.Length, y.Length, nameof(y));
        CheckLength(x.Length, destination.Length, nameof(destination));
        var xa = x.Data;
        var ya = y.Data;
        var da = destination.Data;
        Partition.For(x.Length, 1, (s, n) => kernel(xa.AsSpan(s, n), ya.AsSpan(s, n), da.AsSpan(s, n)));
    }

    private static void CheckLength(int expected, int actual, string name)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{name} has {actual} elements, expected {expected}.", name);
        }
    }

    private readonly struct ReluBackwardOp : IBinaryVectorOperator
    {
        public float Invoke(float g, float x) => x > 0f ? g : 0f;

        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => Vector256.GreaterThan(x, Vector256<float>.Zero) & g;

        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => Vector512.GreaterThan(x, Vector512<float>.Zero) & g;
    }

    private readonly struct LeakyReluOp(float slope) : IUnaryVectorOperator
    {
        public float Invoke(float x) => x > 0f ? x : slope * x;

        public Vector256<float> Invoke(Vector256<float> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * slope);

        public Vector512<float> Invoke(Vector512<float> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * slope);
    }

    private readonly struct LeakyReluBackwardOp(float slope) : IBinaryVectorOperator
    {
        public float Invoke(float g, float x) => x > 0f ? g : slope * g;

        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g, g * slope);

        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g, g * slope);
    }

    private readonly struct SignOp : IUnaryVectorOperator
    {
        public float Invoke(float x) => x > 0f ? 1f : x < 0f ? -1f : 0f;

        public Vector256<float> Invoke(Vector256<float> x) =>
            (Vector256.GreaterThan(x, Vector256<float>.Zero) & Vector256<float>.One) - (Vector256.LessThan(x, Vector256<float>.Zero) & Vector256<float>.One);

        public Vector512<float> Invoke(Vector512<float> x) =>
            (Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512<float>.One) - (Vector512.LessThan(x, Vector512<float>.Zero) & Vector512<float>.One);
    }

    /// <summary>t + max(x, 0): the last step of the stable softplus.</summary>
    private readonly struct AddReluOp : IBinaryVectorOperator
    {
        public float Invoke(float t, float x) => t + Math.Max(x, 0f);

        public Vector256<float> Invoke(Vector256<float> t, Vector256<float> x) => t + Vector256.Max(x, Vector256<float>.Zero);

        public Vector512<float> Invoke(Vector512<float> t, Vector512<float> x) => t + Vector512.Max(x, Vector512<float>.Zero);
    }
}
