using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MixupLab.Tensors;

/// <summary>A seeded, serialisable random number stream (xoshiro256**) with the distributions training needs.</summary>
/// <remarks>
/// Every random draw in MixupLab goes through an explicitly named stream derived from the run seed
/// (<see cref="Derive"/>), so data order, augmentation, λ, pairing, initialisation and attacks never
/// disturb each other and the same seed gives the same bits on every machine.
/// </remarks>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A stream seeded with <paramref name="seed"/> (expanded by SplitMix64).</summary>
    public RandomSource(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A stream for purpose <paramref name="name"/> derived from a run seed; different names give independent streams.</summary>
    public static RandomSource Derive(ulong seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        ulong x = seed ^ h;
        return new RandomSource(SplitMix64(ref x));
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>Standard normal draw (Marsaglia polar method).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>Gamma(shape, 1) draw (Marsaglia–Tsang; shape &lt; 1 by the boost U^(1/shape)).</summary>
    public double NextGamma(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Gamma shape must be positive and finite.");
        }

        if (shape < 1)
        {
            double u = NextDouble();
            return NextGamma(shape + 1) * Math.Pow(u, 1 / shape);
        }

        double d = shape - (1.0 / 3.0);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>Beta(a, b) draw as G_a / (G_a + G_b).</summary>
    public double NextBeta(double a, double b)
    {
        double x = NextGamma(a);
        double y = NextGamma(b);
        double s = x + y;
        return s > 0 ? x / s : (NextDouble() < a / (a + b) ? 1.0 : 0.0);
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        Shuffle(p);
        return p;
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform draws in [low, high).</summary>
    public void FillUniform(Span<float> destination, float low = 0, float high = 1)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = low + ((high - low) * NextFloat());
        }
    }

    /// <summary>Fills <paramref name="destination"/> with normal draws of the given mean and standard deviation.</summary>
    public void FillNormal(Span<float> destination, float mean = 0, float std = 1)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)(mean + (std * NextNormal()));
        }
    }

    /// <summary>The full state (for checkpoints): 41 bytes.</summary>
    public byte[] GetState()
    {
        var b = new byte[41];
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0), _s0);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), _s1);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), _s2);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(24), _s3);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(32), _spareNormal);
        b[40] = _hasSpare ? (byte)1 : (byte)0;
        return b;
    }

    /// <summary>Restores a state produced by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<byte> state)
    {
        if (state.Length != 41)
        {
            throw new ArgumentException($"A random stream state has 41 bytes, not {state.Length}.", nameof(state));
        }

        _s0 = BinaryPrimitives.ReadUInt64LittleEndian(state);
        _s1 = BinaryPrimitives.ReadUInt64LittleEndian(state[8..]);
        _s2 = BinaryPrimitives.ReadUInt64LittleEndian(state[16..]);
        _s3 = BinaryPrimitives.ReadUInt64LittleEndian(state[24..]);
        _spareNormal = BinaryPrimitives.ReadDoubleLittleEndian(state[32..]);
        _hasSpare = state[40] != 0;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
